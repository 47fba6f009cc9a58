/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** A small server-rendered page in Staffroom's style (stylesheet served from /lti/assets, no inline code). */
export function htmlPage(opts: { title: string; body: string; scripts?: string[]; head?: string }): string {
  const scripts = (opts.scripts ?? []).map((src) => `<script src="${escapeHtml(src)}" defer></script>`).join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>${escapeHtml(opts.title)}</title><link rel="stylesheet" href="/lti/assets/page.css">${opts.head ?? ''}${scripts}</head>` +
    `<body><main class="page">${opts.body}</main></body></html>`;
}
