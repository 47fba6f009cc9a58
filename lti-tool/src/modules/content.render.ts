import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

/**
 * Markdown → safe HTML for module content and written responses. Two layers: markdown-it with raw HTML
 * disabled (so `<script>` in the source is shown as text) and its own link validation, then sanitize-html
 * with a closed allow-list of tags, attributes and URL schemes, in case a renderer bug lets anything through.
 */
const markdown = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: true });

const SAFE_HTML: sanitizeHtml.IOptions = {
  allowedTags: [
    'p', 'br', 'hr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'code',
    'ul', 'ol', 'li', 'strong', 'em', 's', 'del', 'a', 'img', 'table', 'thead', 'tbody', 'tr', 'th', 'td',
  ],
  allowedAttributes: { a: ['href', 'title', 'target', 'rel'], img: ['src', 'alt', 'title'], ol: ['start'], th: ['style'], td: ['style'] },
  // Table alignment is the only style markdown-it writes; nothing else (no expression(), no url()).
  allowedStyles: { th: { 'text-align': [/^(left|right|center)$/] }, td: { 'text-align': [/^(left|right|center)$/] } },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['https'] },
  allowedSchemesAppliedToAttributes: ['href', 'src'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  // Links leave the LMS iframe in a new tab and do not hand the opener to the linked site; relative links
  // (which would point into the tool itself) lose their href.
  transformTags: {
    a: (tagName, attribs) => {
      const { href, ...rest } = attribs;
      const absolute = href !== undefined && /^(https?:\/\/|mailto:)/i.test(href.trim());
      return { tagName, attribs: { ...rest, ...(absolute ? { href } : {}), target: '_blank', rel: 'noopener noreferrer nofollow' } };
    },
  },
  // Only absolute https images (relative ones would load from the tool; http ones are mixed content).
  exclusiveFilter: (frame) => frame.tag === 'img' && !/^https:\/\//i.test(frame.attribs.src ?? ''),
};

/** Renders Markdown to sanitised HTML (links made clickable; raw HTML shown as text). */
export function renderMarkdown(source: string): string {
  return sanitizeHtml(markdown.render(source), SAFE_HTML);
}

/** Sanitises an HTML fragment with the same allow-list as rendered Markdown. */
export function sanitizeFragment(html: string): string {
  return sanitizeHtml(html, SAFE_HTML);
}

/** True for an absolute http(s) URL (never javascript:, data:, file: or relative). */
export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.length > 0;
  } catch {
    return false;
  }
}

/** A video the UI may embed: only known providers, only their official embed URLs, ids checked by pattern. */
export interface VideoEmbed {
  provider: 'youtube' | 'vimeo';
  videoId: string;
  /** The page to link to (shown when the embed cannot load). */
  watchUrl: string;
  /** The only URL the UI puts in an iframe `src`: built here, never taken from input. */
  embedUrl: string;
}

const YOUTUBE_ID = /^[A-Za-z0-9_-]{11}$/;
const VIMEO_ID = /^\d{1,12}$/;

function youtube(id: string | null | undefined): VideoEmbed | null {
  if (!id || !YOUTUBE_ID.test(id)) return null;
  return { provider: 'youtube', videoId: id, watchUrl: `https://www.youtube.com/watch?v=${id}`, embedUrl: `https://www.youtube-nocookie.com/embed/${id}` };
}

function vimeo(id: string | null | undefined): VideoEmbed | null {
  if (!id || !VIMEO_ID.test(id)) return null;
  return { provider: 'vimeo', videoId: id, watchUrl: `https://vimeo.com/${id}`, embedUrl: `https://player.vimeo.com/video/${id}` };
}

/** Recognises YouTube and Vimeo watch, share and embed URLs; anything else is not embeddable (null). */
export function videoEmbedFor(value: string): VideoEmbed | null {
  if (!isHttpUrl(value)) return null;
  const url = new URL(value);
  const host = url.hostname.toLowerCase().replace(/^(www\.|m\.)/, '');
  const parts = url.pathname.split('/').filter(Boolean);
  switch (host) {
    case 'youtube.com':
    case 'youtube-nocookie.com':
      if (parts[0] === 'watch') return youtube(url.searchParams.get('v'));
      if (parts[0] === 'embed' || parts[0] === 'shorts' || parts[0] === 'live') return youtube(parts[1]);
      return null;
    case 'youtu.be':
      return youtube(parts[0]);
    case 'vimeo.com':
      return vimeo(parts[0]);
    case 'player.vimeo.com':
      return parts[0] === 'video' ? vimeo(parts[1]) : null;
    default:
      return null;
  }
}
