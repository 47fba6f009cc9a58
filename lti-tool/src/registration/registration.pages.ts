import { escapeHtml, htmlPage } from '../http/html';
import type { LaunchError } from '../lti/launchErrors';
import { SCOPE_PURPOSES } from './registration.schema';
import type { DynamicRegistration } from './registration.service';

/** Where the close script is served (a static file: the CSP allows no inline code). */
export const REGISTRATION_ASSETS = '/lti/registration/assets';

const code = (v: string) => `<code>${escapeHtml(v)}</code>`;

function scopeList(scopes: string[]): string {
  if (scopes.length === 0) return '<p>None.</p>';
  const items = scopes.map((s) => `<li>${escapeHtml(SCOPE_PURPOSES[s] ?? 'a service Staffroom does not use')} ${code(s)}</li>`);
  return `<ul>${items.join('')}</ul>`;
}

function nextSteps(r: DynamicRegistration): string {
  const family = r.record.productFamilyCode;
  // A dynamic registration without a deployment id adopts the deployment of its first signed launch (launch.service).
  const addDeployment =
    `<p>The LMS did not name a deployment yet. Nothing more to do: the first launch from this registration adds its deployment. ` +
    `To restrict launches to known deployments instead, whoever runs Staffroom can add them with ` +
    `${code(`POST /api/operator/platforms/${r.platform.id}/deployments`)} (see the installation guide).</p>`;
  if (family === 'moodle') {
    return (
      `<h2>Next step in Moodle</h2><p>Moodle adds a newly registered tool as <strong>pending</strong>. Activate it: ` +
      `<em>Site administration → Plugins → Activity modules → External tool → Manage tools</em>, then <strong>Activate</strong> on the Staffroom card. ` +
      `Teachers can then add Staffroom to a course (<em>Add an activity or resource → Staffroom</em>).</p>` +
      (r.record.deploymentId ? '' : addDeployment)
    );
  }
  if (family === 'canvas') {
    return (
      `<h2>Next steps in Canvas</h2><p>When you return, Canvas shows what Staffroom asked for: review it, save, and make sure the developer key is <strong>On</strong>. ` +
      `Canvas creates a deployment when the app is installed in an account or course; its deployment ID is under the app's settings ` +
      `(<em>Settings → Apps → View App Configurations → Staffroom → Deployment Id</em>).</p>` +
      (r.record.deploymentId ? '' : addDeployment)
    );
  }
  return r.record.deploymentId ? '' : `<h2>Next step</h2>${addDeployment}`;
}

/** The page the LMS frames after a successful Dynamic Registration; its button sends the spec's close message. */
export function registrationCompletePage(r: DynamicRegistration): string {
  const { platform, record } = r;
  const rows: [string, string][] = [
    ['Platform', escapeHtml(`${record.productFamilyCode}${record.platformVersion ? ` ${record.platformVersion}` : ''}`)],
    ['Issuer', code(platform.issuer)],
    ['Client ID', code(platform.clientId)],
    ['Deployment ID', record.deploymentId ? code(record.deploymentId) : 'None yet (see below)'],
    ['Registered at', escapeHtml(record.registeredAt.toISOString())],
  ];
  const table = `<table class="registration"><caption>What was registered</caption><tbody>${rows
    .map(([k, v]) => `<tr><th scope="row">${k}</th><td>${v}</td></tr>`)
    .join('')}</tbody></table>`;
  const notGranted = r.scopesNotGranted.length
    ? `<h2>Not granted</h2><p>Staffroom uses these services, but the LMS did not grant them or does not offer them. The features that need them stay off until an LMS admin enables them for the tool:</p>${scopeList(r.scopesNotGranted)}`
    : '';
  return htmlPage({
    title: 'Staffroom is registered',
    scripts: [`${REGISTRATION_ASSETS}/registration-close.js`],
    body:
      `<h1>Staffroom is registered</h1>` +
      `<p>${r.created ? 'Staffroom was added to' : 'The existing Staffroom registration was updated for'} ${escapeHtml(platform.name ?? platform.issuer)}.</p>` +
      table +
      `<h2>Services granted</h2>${scopeList(record.scopesGranted)}` +
      notGranted +
      nextSteps(r) +
      `<p><button type="button" id="registration-close">Return to the LMS</button></p>` +
      `<p class="reference">Every registration is listed by <code>npm run platform:list</code> on the Staffroom server.</p>`,
  });
}

/** The page the LMS frames when a registration failed: what went wrong and what the LMS admin can do. */
export function registrationFailedPage(err: LaunchError, requestId: string): string {
  return htmlPage({
    title: 'Staffroom could not be registered',
    body:
      `<h1>Staffroom could not be registered</h1><p class="problem">${escapeHtml(err.message)}</p>` +
      `<h2>For the LMS administrator</h2><p>${escapeHtml(err.hint)}</p><p>Nothing was stored in Staffroom.</p>` +
      `<p class="reference">Error <code>${escapeHtml(err.id)}</code>, reference <code>${escapeHtml(requestId)}</code>.</p>`,
  });
}
