import fs from 'node:fs';
import type { ServerResponse } from 'node:http';
import path from 'node:path';
import { escapeHtml, htmlPage } from '../http/html';
import { createRandomPool } from '../http/randomPool';
import { allowStyleNonce } from '../http/securityHeaders';

/** The page that stores state with the platform (when offered) before redirecting to it. */
export function loginStoragePage(o: { authRedirect: string; state: string; storageTarget: string; platformOrigin: string }): string {
  return htmlPage({
    title: 'Opening Staffroom…',
    scripts: ['/lti/assets/platform-storage.js', '/lti/assets/login-storage.js'],
    body:
      `<h1>Opening Staffroom…</h1><div id="lti-login" data-auth-redirect="${escapeHtml(o.authRedirect)}" data-state="${escapeHtml(o.state)}"` +
      ` data-storage-target="${escapeHtml(o.storageTarget)}" data-platform-origin="${escapeHtml(o.platformOrigin)}"></div>` +
      `<p><a href="${escapeHtml(o.authRedirect)}">Continue</a> if nothing happens.</p>`,
  });
}

/** The page that reads the state back from platform storage and re-posts the launch. */
export function launchStoragePage(o: { launchUrl: string; idToken: string; state: string; storageTarget: string; platformOrigin: string }): string {
  return htmlPage({
    title: 'Opening Staffroom…',
    scripts: ['/lti/assets/platform-storage.js', '/lti/assets/launch-storage.js'],
    body:
      `<h1>Opening Staffroom…</h1><form id="lti-verify" method="post" action="${escapeHtml(o.launchUrl)}" data-state="${escapeHtml(o.state)}"` +
      ` data-storage-target="${escapeHtml(o.storageTarget)}" data-platform-origin="${escapeHtml(o.platformOrigin)}">` +
      `<input type="hidden" name="id_token" value="${escapeHtml(o.idToken)}"><input type="hidden" name="state" value="${escapeHtml(o.state)}">` +
      `<input type="hidden" name="storage_state" value=""><noscript><button type="submit">Continue</button></noscript></form>`,
  });
}

/**
 * The SPA's index.html with the session token in a meta tag: the token never travels in a URL,
 * and the SPA sends it back as a bearer header, so no third-party cookie is needed. After an LTI 1.3 launch a
 * second meta carries GET /api/me's answer as JSON, so the first screen renders without that round trip (a meta,
 * not an inline script: the CSP allows no inline script). A third carries this response's style nonce, which the
 * SPA gives emotion and the response's CSP allows, so the CSP needs no 'unsafe-inline' for InstUI's styles.
 */
export function createAppShell(uiDistDir: string) {
  let template: string | null = null;
  const random = createRandomPool();
  /** Without a token (the SPA opened at /app/), the SPA uses the session this tab stored, or explains what to do. */
  return (res: ServerResponse, sessionToken?: string, me?: unknown): string => {
    if (template === null) {
      const file = path.join(uiDistDir, 'index.html');
      template = fs.existsSync(file)
        ? fs.readFileSync(file, 'utf8')
        : htmlPage({ title: 'Staffroom', head: '<!--session-->', body: '<h1>Staffroom</h1><p>The user interface is not built yet: run <code>npm run build:ui</code>.</p>' });
    }
    const nonce = random.next(16, 'base64');
    allowStyleNonce(res, nonce);
    let meta = `<meta name="staffroom-style-nonce" content="${nonce}">`;
    if (sessionToken !== undefined) meta += `<meta name="staffroom-session" content="${escapeHtml(sessionToken)}">`;
    if (sessionToken !== undefined && me !== undefined) meta += `<meta name="staffroom-me" content="${escapeHtml(JSON.stringify(me))}">`;
    return template.includes('<!--session-->') ? template.replace('<!--session-->', meta) : template.replace('</head>', `${meta}</head>`);
  };
}
