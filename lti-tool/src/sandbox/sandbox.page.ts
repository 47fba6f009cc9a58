import { escapeHtml, htmlPage } from '../http/html';
import type { SandboxIdentity } from './sandbox.claims';
import { linkLaunchForm, linkSummary, type SandboxLink } from './sandbox.deepLinking';
import { DEMO_CONTEXT, PERSONAS } from './sandbox.personas';

/** The sandbox LMS: pick a person of the demo cohort and launch Staffroom as them, in an iframe like an LMS. */
export function sandboxPage(id: SandboxIdentity, loginUrl: string, links: readonly SandboxLink[] = []): string {
  const hidden = (name: string, value: string) => `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`;
  const personas = PERSONAS.map(
    (p) =>
      `<li><form class="launch" method="post" action="${escapeHtml(loginUrl)}" target="tool-frame">` +
      hidden('iss', id.issuer) + hidden('login_hint', p.id) + hidden('target_link_uri', id.toolLaunchUrl) +
      hidden('client_id', id.clientId) + hidden('lti_deployment_id', id.deploymentId) +
      hidden('lti_message_hint', '{}') + hidden('lti_storage_target', '_parent') +
      `<button type="submit" data-persona="${escapeHtml(p.id)}">Launch as ${escapeHtml(p.name)}</button>` +
      ` <span class="muted">${escapeHtml(p.description)}</span></form></li>`,
  ).join('');
  return htmlPage({
    title: 'Staffroom sandbox LMS',
    scripts: ['/sandbox/assets/sandbox.js'],
    body:
      `<h1>Staffroom sandbox LMS</h1>` +
      `<p>A stand-in for Canvas or Moodle: launch Staffroom through the real LTI 1.3 sign-in as someone in the course <strong>${escapeHtml(DEMO_CONTEXT.title)}</strong>. Off in production.</p>` +
      `<fieldset><legend>Launch options</legend>` +
      `<p><input type="checkbox" id="opt-storage" checked> <label for="opt-storage">Offer platform storage (as Canvas does)</label></p>` +
      `<p><input type="checkbox" id="opt-anonymous"> <label for="opt-anonymous">Do not share names and emails (privacy setting)</label></p>` +
      `<p><input type="checkbox" id="opt-deep-linking"> <label for="opt-deep-linking">Content selection (deep linking) instead of a course link</label></p>` +
      `</fieldset><h2>People in the demo cohort</h2><ul class="personas">${personas}</ul>` +
      `<h2>Staffroom links in the course</h2>` +
      (links.length
        ? `<ul class="personas">${links.map((l) => `<li><h3>${escapeHtml(l.title)}</h3>${linkSummary(l)}${linkLaunchForm(id, loginUrl, l, 'tool-frame')}</li>`).join('')}</ul>`
        : `<p class="muted">None yet. Tick “Content selection” and launch as the administrator or lead teacher to add one.</p>`) +
      `<h2>Staffroom</h2><iframe id="tool-frame" name="tool-frame" class="frame" title="Staffroom, as the LMS shows it"></iframe>` +
      `<h2>Registration details</h2><p class="muted">Issuer <code>${escapeHtml(id.issuer)}</code>, client id <code>${escapeHtml(id.clientId)}</code>, ` +
      `deployment <code>${escapeHtml(id.deploymentId)}</code>, JWKS <code>${escapeHtml(id.jwksUrl)}</code>.</p>` +
      `<p><a href="/sandbox/register">Add Staffroom to the sandbox LMS by Dynamic Registration</a>, as a Moodle or Canvas admin would.</p>`,
  });
}

/** The platform's form_post back to the tool, submitted by a script file (no inline code). */
export function autopostPage(redirectUri: string, fields: Record<string, string>): string {
  const inputs = Object.entries(fields).map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`).join('');
  return htmlPage({
    title: 'Signing in to Staffroom…',
    scripts: ['/sandbox/assets/autopost.js'],
    body: `<h1>Signing in…</h1><form id="autopost" method="post" action="${escapeHtml(redirectUri)}">${inputs}<noscript><button type="submit">Continue</button></noscript></form>`,
  });
}
