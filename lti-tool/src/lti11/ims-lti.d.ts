// Types for the parts of ims-lti 3.0.2 (CoffeeScript-compiled CommonJS, no bundled types) that Staffroom uses.
// Only the signer primitives are used: ims-lti's Provider builds the signed URL from the Host header and
// sorts "key=value" strings instead of keys (RFC 5849 §3.4.1.3.2), see oauth1.ts.

declare module 'ims-lti/lib/hmac-sha1' {
  /** ims-lti's HMAC-SHA1 OAuth 1.0a signer. */
  class HmacSha1 {
    /** base64(HMAC-SHA1(`${consumerSecret}&${tokenSecret ?? ''}`, baseString)). */
    sign_string(baseString: string, consumerSecret: string, tokenSecret?: string): string;
    /** Signs with ims-lti's own parameter normalisation (kept for comparison in tests). */
    build_signature_raw(
      url: string,
      parsedUrl: { query?: Record<string, string | string[]> },
      method: string,
      params: Record<string, string | string[]>,
      consumerSecret: string,
      tokenSecret?: string,
    ): string;
  }
  export = HmacSha1;
}

declare module 'ims-lti/lib/utils' {
  /** RFC 3986 percent-encoding as OAuth 1.0a requires (encodeURIComponent plus ! ' ( ) *). */
  export function special_encode(value: string): string;
}

declare module 'xml2js' {
  /** Options of xml2js's parser that Staffroom sets. */
  export interface ParserOptions {
    explicitArray?: boolean;
    trim?: boolean;
    normalizeTags?: boolean;
    explicitRoot?: boolean;
    ignoreAttrs?: boolean;
    tagNameProcessors?: Array<(name: string) => string>;
  }
  /** Parses XML into nested objects (element name → array of children, text as `_` or a string). */
  export function parseStringPromise(xml: string, options?: ParserOptions): Promise<unknown>;
  export const processors: { stripPrefix(name: string): string };
}
