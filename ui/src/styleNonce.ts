import createCache, { type EmotionCache } from '@emotion/cache'

/** Name of the <meta> with this page's style nonce, which the server's CSP allows (no 'unsafe-inline'). */
export const STYLE_NONCE_META_NAME = 'staffroom-style-nonce'

/**
 * The emotion cache InstUI styles through, putting the page's nonce on every style element it adds: the
 * Content-Security-Policy of the app shell allows only styles from Staffroom's origin or carrying that nonce.
 */
export function createStyleCache(): EmotionCache {
  const nonce = document.querySelector<HTMLMetaElement>(`meta[name="${STYLE_NONCE_META_NAME}"]`)?.content || undefined
  return createCache({ key: 'css', nonce })
}

/**
 * Script-set style attributes go through the CSSOM instead: a CSP without 'unsafe-inline' refuses
 * `setAttribute('style', …)` but not `element.style.cssText`, which is the same effect from trusted code. InstUI's
 * scroll lock (dialogs, trays) measures the scrollbar with `setAttribute('style', …)`; style attributes in markup
 * (injected HTML) stay refused, which is the point of the policy.
 */
export function routeStyleAttributesThroughCssom(): void {
  const setAttribute = Element.prototype.setAttribute
  Element.prototype.setAttribute = function (this: Element, name: string, value: string): void {
    if (name.toLowerCase() === 'style' && (this instanceof HTMLElement || this instanceof SVGElement)) {
      this.style.cssText = String(value)
      return
    }
    setAttribute.call(this, name, value)
  }
}
