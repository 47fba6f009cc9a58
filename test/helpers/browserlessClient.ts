/**
 * A tiny HTTP client that behaves like a browser inside an LMS iframe: it keeps cookies per
 * host, and only sends back cookies set as `SameSite=None; Secure` (third-party context).
 */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  /** Remembers cookies from a response's Set-Cookie headers. */
  store(res: Response): void {
    for (const header of res.headers.getSetCookie()) {
      const [pair, ...attrs] = header.split(';').map((s) => s.trim());
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq);
      const value = pair!.slice(eq + 1);
      const lower = attrs.map((a) => a.toLowerCase());
      const expired = lower.some((a) => a === 'max-age=0' || a.startsWith('expires=thu, 01 jan 1970'));
      const crossSiteOk = lower.includes('secure') && lower.includes('samesite=none');
      if (expired || value === '') this.cookies.delete(name);
      else if (crossSiteOk) this.cookies.set(name, value);
    }
  }

  /** The Cookie header to send, if any. */
  header(): string | undefined {
    if (this.cookies.size === 0) return undefined;
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  /** Drops every cookie (a browser that blocks them). */
  clear(): void {
    this.cookies.clear();
  }

  get size(): number {
    return this.cookies.size;
  }
}

/** Reads the hidden inputs of the first form in an HTML page, and its action. */
export function readForm(html: string): { action: string; fields: Record<string, string> } {
  const action = /<form[^>]*action="([^"]*)"/.exec(html)?.[1] ?? '';
  const fields: Record<string, string> = {};
  for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    fields[decode(m[1]!)] = decode(m[2]!);
  }
  return { action: decode(action), fields };
}

function decode(s: string): string {
  return s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}
