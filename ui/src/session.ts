/** Name of the <meta> the server inserts into index.html after a successful LTI launch. */
export const SESSION_META_NAME = 'staffroom-session'
/** sessionStorage key, so reloading the iframe keeps the session. */
export const SESSION_STORAGE_KEY = 'staffroom.session'

/** Name of the <meta> with GET /api/me's answer that an LTI 1.3 launch page carries for the first screen. */
export const ME_META_NAME = 'staffroom-me'

let token: string | null = null
let launchedMe: unknown = null

/**
 * Reads the launch token once at startup: a fresh launch (meta) always wins over a stored one.
 * Call before rendering, so React StrictMode's double effects cannot race it.
 */
export function initSession(): void {
  const meta = document.querySelector<HTMLMetaElement>(`meta[name="${SESSION_META_NAME}"]`)
  const fromMeta = meta?.content.trim() || null
  // Remove it so the token is not left lying in the DOM for other scripts or extensions.
  meta?.remove()
  const meMeta = document.querySelector<HTMLMetaElement>(`meta[name="${ME_META_NAME}"]`)
  meMeta?.remove()
  launchedMe = fromMeta && meMeta ? parseJson(meMeta.content) : null

  if (fromMeta) {
    token = fromMeta
    writeStorage(fromMeta)
    forgetLaunchRequest()
  } else {
    token = readStorage()
  }
}

/**
 * GET /api/me's answer as the launch page carried it, once: the first screen uses it instead of a round trip;
 * retries and reloads ask the server.
 */
export function takeLaunchedMe(): unknown {
  const me = launchedMe
  launchedMe = null
  return me
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return null // A damaged meta only costs the round trip it was meant to save.
  }
}

/** The current bearer token, or null when Staffroom was not launched from the LMS. */
export function getSessionToken(): string | null {
  return token
}

/** Drops the token (e.g. after a 401) so a reload shows "open from your course" again. */
export function clearSession(): void {
  token = null
  try {
    sessionStorage.removeItem(SESSION_STORAGE_KEY)
  } catch {
    // Storage may be blocked in third-party iframes; the in-memory token is already gone.
  }
}

function readStorage(): string | null {
  try {
    return sessionStorage.getItem(SESSION_STORAGE_KEY)
  } catch {
    return null // Blocked storage: the session simply lasts until the iframe reloads.
  }
}

function writeStorage(value: string): void {
  try {
    sessionStorage.setItem(SESSION_STORAGE_KEY, value)
  } catch {
    // Blocked storage: keep working from memory.
  }
}

/**
 * The launch page is the answer to the LMS's form POST; reloading it would re-POST a used
 * id_token. Pointing the history entry at /app/ makes a reload a plain GET that uses storage.
 */
function forgetLaunchRequest(): void {
  const base = import.meta.env.BASE_URL
  if (window.location.pathname === base) return
  try {
    window.history.replaceState(null, '', base)
  } catch {
    // Not same-origin or history unavailable: reload just falls back to the LMS's behaviour.
  }
}
