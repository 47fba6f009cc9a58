/** XSS payloads and the check that rendered HTML is safe: shared by the sanitiser unit test and the route test. */
export const XSS_PAYLOADS = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=https://evil.example/x.js></SCRIPT>',
  '<img src=x onerror=alert(1)>',
  '<img src="https://example.org/a.png" onerror="alert(1)">',
  '<svg onload=alert(1)>',
  '<svg><script>alert(1)</script></svg>',
  '<body onload=alert(1)>',
  '<a href="javascript:alert(1)">click</a>',
  '<a href="  JaVaScRiPt:alert(1)">click</a>',
  '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">click</a>',
  '<iframe src="https://evil.example"></iframe>',
  '<object data="https://evil.example/x.swf"></object>',
  '<embed src="https://evil.example/x.swf">',
  '<div style="background:url(javascript:alert(1))">x</div>',
  '<p style="width: expression(alert(1))">x</p>',
  '<style>body{background:url("javascript:alert(1)")}</style>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<form action="javascript:alert(1)"><button>go</button></form>',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '[click](javascript:alert(1))',
  '[click](JAVASCRIPT:alert(1))',
  '[click](javascript&#58;alert(1))',
  '[click](  javascript:alert(1))',
  '[click](vbscript:msgbox(1))',
  '[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '![pic](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)',
  '![pic](data:image/png;base64,iVBORw0KGgo=)',
  '![pic](javascript:alert(1))',
  '<javascript:alert(1)>',
  '[x](https://example.org "a\\" onmouseover=\\"alert(1)")',
  '`<script>alert(1)</script>`',
];

const ALLOWED_TAGS = new Set(['p', 'br', 'hr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'code', 'ul', 'ol', 'li', 'strong', 'em', 's', 'del', 'a', 'img', 'table', 'thead', 'tbody', 'tr', 'th', 'td']);

/** Every tag in sanitised output is allowed, has no event handler or style but alignment, and links only to http(s)/mailto. */
export function expectSafeHtml(html: string): void {
  for (const [, name, attrs] of html.matchAll(/<\/?([a-zA-Z0-9]+)([^>]*)>/g)) {
    expect(ALLOWED_TAGS.has(name!.toLowerCase())).toBe(true);
    for (const [, attr, value] of attrs!.matchAll(/([a-zA-Z-]+)="([^"]*)"/g)) {
      expect(attr!.toLowerCase().startsWith('on')).toBe(false);
      if (attr === 'href' || attr === 'src') expect(value).toMatch(/^(https?:\/\/|mailto:)/);
      if (attr === 'style') expect(value).toMatch(/^text-align:(left|right|center);?$/);
    }
  }
  expect(html).not.toMatch(/<(script|svg|iframe|object|embed|style|form|meta|math|body)/i);
}
