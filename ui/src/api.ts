import { getSessionToken } from './session'

/** An API failure with the server's stable error id and human message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly id: string,
    message: string,
    /** The error's `details` (e.g. `fields` of a 400 `validation_failed`), when the server sent any. */
    readonly details?: unknown
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

/** Options for {@link apiRequest}; `body` is sent as JSON. */
export interface ApiRequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  body?: unknown
  signal?: AbortSignal
}

/** Calls the Staffroom API with the session bearer token and returns the parsed JSON body. */
export async function apiRequest<T>(path: string, options: ApiRequestOptions = {}): Promise<T> {
  const token = getSessionToken()
  if (!token) throw new ApiError(401, 'no_session', 'Open Staffroom from your course in the LMS.')

  const headers: Record<string, string> = {
    Accept: 'application/json',
    Authorization: `Bearer ${token}`
  }
  if (options.body !== undefined) headers['Content-Type'] = 'application/json'

  let response: Response
  try {
    response = await fetch(path, {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
      // Bearer auth only: third-party cookies are unreliable inside LMS iframes.
      credentials: 'omit'
    })
  } catch (cause) {
    if (options.signal?.aborted) throw cause
    throw new ApiError(0, 'network_error', "We couldn't reach Staffroom. Check your connection and try again.")
  }

  if (!response.ok) throw await toApiError(response)
  if (response.status === 204) return undefined as T
  return (await response.json()) as T
}

/** Shorthand for a GET request. */
export function apiGet<T>(path: string, signal?: AbortSignal): Promise<T> {
  return apiRequest<T>(path, { signal })
}

// Reads `{ "error": { "id", "message", "details"? } }`, falling back to a generic message for proxies' HTML pages.
async function toApiError(response: Response): Promise<ApiError> {
  const fallback = `Something went wrong (HTTP ${response.status}). Please try again.`
  try {
    const body: unknown = await response.json()
    const error = (body as { error?: { id?: unknown; message?: unknown; details?: unknown } } | null)?.error
    const id = typeof error?.id === 'string' ? error.id : 'http_' + response.status
    const message = typeof error?.message === 'string' && error.message ? error.message : fallback
    return new ApiError(response.status, id, message, error?.details)
  } catch {
    return new ApiError(response.status, 'http_' + response.status, fallback)
  }
}
