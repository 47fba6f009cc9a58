import { ApiError } from '../api'
import { getSessionToken } from '../session'

/** What {@link uploadWithProgress} sends: a file as multipart/form-data (part `file`), or text with its content type. */
export type UploadBody = { file: File } | { text: string; contentType: string }

/**
 * POSTs a body with the session token, reporting upload progress (0–1), and resolves with the parsed JSON.
 * XMLHttpRequest rather than fetch: only it reports how much of the body has gone. Errors are ApiErrors with
 * the server's stable id (413 attachment_too_large, 415/422 type errors, 422 import_invalid, …).
 */
export function uploadWithProgress<T>(path: string, body: UploadBody, onProgress: (fraction: number) => void, signal?: AbortSignal): Promise<T> {
  const token = getSessionToken()
  if (!token) return Promise.reject(new ApiError(401, 'no_session', 'Open Staffroom from your course in the LMS.'))
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open('POST', path)
    xhr.setRequestHeader('Authorization', `Bearer ${token}`)
    xhr.setRequestHeader('Accept', 'application/json')
    if ('contentType' in body) xhr.setRequestHeader('Content-Type', body.contentType)
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total)
    }
    signal?.addEventListener('abort', () => xhr.abort())
    xhr.onabort = () => reject(new ApiError(0, 'aborted', 'The upload was cancelled.'))
    // The server closes the connection on a too-large body; some browsers report that as a network error.
    xhr.onerror = () => reject(new ApiError(0, 'network_error', 'The upload did not reach Staffroom. If the file is large, it may be over the size limit; otherwise check your connection and try again.'))
    xhr.onload = () => {
      let parsed: unknown = null
      try {
        parsed = JSON.parse(xhr.responseText)
      } catch {
        parsed = null
      }
      if (xhr.status >= 200 && xhr.status < 300) return resolve(parsed as T)
      const error = (parsed as { error?: { id?: string; message?: string; details?: unknown } } | null)?.error
      reject(new ApiError(xhr.status, error?.id ?? `http_${xhr.status}`, error?.message ?? `The upload failed (HTTP ${xhr.status}).`, error?.details))
    }
    if ('file' in body) {
      const form = new FormData()
      form.append('file', body.file, body.file.name)
      xhr.send(form)
    } else {
      xhr.send(body.text)
    }
  })
}

/** Uploads one file as multipart/form-data (part `file`); see {@link uploadWithProgress}. */
export function uploadFile<T>(path: string, file: File, onProgress: (fraction: number) => void, signal?: AbortSignal): Promise<T> {
  return uploadWithProgress<T>(path, { file }, onProgress, signal)
}

/** "25 MB", "512 KB", "300 bytes": sizes as people read them. */
export function formatBytes(n: number): string {
  if (n >= 1024 ** 2) return `${Math.round((n / 1024 ** 2) * 10) / 10} MB`
  if (n >= 1024) return `${Math.round((n / 1024) * 10) / 10} KB`
  return `${n} bytes`
}
