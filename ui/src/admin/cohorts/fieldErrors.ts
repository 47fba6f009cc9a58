import { ApiError } from '../../api'

/** Field name → message, from a 400 `validation_failed` (`details.fields`). */
export type FieldErrors = Record<string, string>

// The server names fields as the API does; people read them in the words of the form.
const FIELD_WORDS: Record<string, string> = {
  startsOn: 'the start date',
  endsOn: 'the end date',
  weeklyMinutes: 'the weekly pace',
  pdMinutes: 'the PD minutes'
}

/** A server message in plain words: field names replaced, first letter capitalised. */
export function plainMessage(message: string): string {
  const words = message.replace(/\b(startsOn|endsOn|weeklyMinutes|pdMinutes)\b/g, (f) => FIELD_WORDS[f] ?? f)
  return words.charAt(0).toUpperCase() + words.slice(1)
}

/** The per-field messages of an API error; empty for any other failure. */
export function fieldErrorsOf(error: unknown): FieldErrors {
  if (!(error instanceof ApiError) || error.id !== 'validation_failed') return {}
  const fields = (error.details as { fields?: { field?: unknown; message?: unknown }[] } | undefined)?.fields
  const out: FieldErrors = {}
  for (const f of Array.isArray(fields) ? fields : []) {
    if (typeof f.field === 'string' && typeof f.message === 'string' && !(f.field in out)) out[f.field] = plainMessage(f.message)
  }
  return out
}

/** InstUI form messages for one field: its error, else the hint. */
export function messagesFor(errors: FieldErrors, field: string, hint?: string) {
  const error = errors[field]
  if (error) return [{ type: 'newError' as const, text: error }]
  return hint ? [{ type: 'hint' as const, text: hint }] : []
}

/** The message to show for a failure that is not an ApiError (a bug or a dropped connection). */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : 'Something went wrong. Please try again.'
}
