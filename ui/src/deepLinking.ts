import { apiGet, apiRequest } from './api'

/** A Staffroom item the picker offers (response of `GET /api/deep-linking/items`). */
export interface PickerItem {
  id: string
  title: string
  description: string
  /** The gradebook column the link creates in the LMS, or null. */
  graded: { scoreMaximum: number } | null
}

/** What this place in the LMS accepts, and the items that fit. */
export interface PickerOptions {
  items: PickerItem[]
  /** False when the LMS accepts no tool links here (only cancelling is possible). */
  acceptsLinks: boolean
  /** True when several items may be added at once. */
  acceptMultiple: boolean
  suggestedTitle: string | null
}

/** The signed answer for the LMS, to be posted as the form field `JWT` to `returnUrl`. */
export interface DeepLinkingAnswer {
  returnUrl: string
  jwt: string
}

/** Loads the items an admin or lead may add here. */
export function fetchPickerOptions(signal?: AbortSignal): Promise<PickerOptions> {
  return apiGet<PickerOptions>('/api/deep-linking/items', signal)
}

/** Asks Staffroom to sign the answer for the chosen items (none = cancel). */
export function createDeepLinkingAnswer(itemIds: string[]): Promise<DeepLinkingAnswer> {
  return apiRequest<DeepLinkingAnswer>('/api/deep-linking/response', { method: 'POST', body: { itemIds } })
}
