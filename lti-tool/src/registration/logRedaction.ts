const TOKEN_IN_URL = /(registration_token(?:=|%3D))[A-Za-z0-9._~-]+/gi;

const redactUrl = (url: string) => url.replace(TOKEN_IN_URL, '$1[redacted]');

/**
 * pino-http request serializer: hides registration tokens in logged requests. LMSs put them in the
 * registration URL's query, and Canvas once more inside the openid_configuration URL.
 */
export function redactRegistrationToken<T extends { url?: string; query?: unknown }>(req: T): T {
  const url = typeof req.url === 'string' ? redactUrl(req.url) : req.url;
  let query = req.query;
  if (query && typeof query === 'object') {
    query = Object.fromEntries(
      Object.entries(query as Record<string, unknown>).map(([k, v]) => [k, k === 'registration_token' ? '[redacted]' : typeof v === 'string' ? redactUrl(v) : v]),
    );
  }
  return url === req.url && query === req.query ? req : { ...req, url, query };
}
