/** Props for {@link SafeHtml}. */
export interface SafeHtmlProps {
  /** An `…Html` field of the API: rendered from Markdown and cleaned by the server against an allow-list. */
  html: string
}

/**
 * Shows server-sanitised HTML as given. The server is the one place that cleans content (docs/api/modules.md,
 * "Sanitising"); the app never builds HTML from text itself, and the CSP forbids inline scripts as a backstop.
 */
export function SafeHtml({ html }: SafeHtmlProps) {
  if (!html) return null
  return <div data-server-html="" dangerouslySetInnerHTML={{ __html: html }} />
}
