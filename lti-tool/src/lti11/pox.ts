import { parseStringPromise, processors } from 'xml2js';

/** The namespace of LTI 1.1 Basic Outcomes POX messages. */
export const POX_NAMESPACE = 'http://www.imsglobal.org/services/ltiv1p1/xsd/imsoms_v1p0';

/** The status an LTI 1.1 outcome service reports (imsx_codeMajor). */
export type CodeMajor = 'success' | 'processing' | 'failure' | 'unsupported';

const escapeXml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);

/** A score as LTI 1.1 wants it: a decimal 0.0–1.0 without exponent notation (1e-7 is refused by LMSs). */
export function formatScore(score: number): string {
  const fixed = score.toFixed(6).replace(/0+$/, '').replace(/\.$/, '');
  return fixed === '' || fixed === '-0' ? '0' : fixed;
}

/** The replaceResultRequest POX message for one score. */
export function replaceResultRequest(o: { messageId: string; sourcedId: string; score: number; language?: string }): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>` +
    `<imsx_POXEnvelopeRequest xmlns="${POX_NAMESPACE}">` +
    `<imsx_POXHeader><imsx_POXRequestHeaderInfo><imsx_version>V1.0</imsx_version>` +
    `<imsx_messageIdentifier>${escapeXml(o.messageId)}</imsx_messageIdentifier></imsx_POXRequestHeaderInfo></imsx_POXHeader>` +
    `<imsx_POXBody><replaceResultRequest><resultRecord>` +
    `<sourcedGUID><sourcedId>${escapeXml(o.sourcedId)}</sourcedId></sourcedGUID>` +
    `<result><resultScore><language>${escapeXml(o.language ?? 'en')}</language><textString>${formatScore(o.score)}</textString></resultScore></result>` +
    `</resultRecord></replaceResultRequest></imsx_POXBody></imsx_POXEnvelopeRequest>`
  );
}

/** A POX response envelope (what an outcome service answers, and what the sandbox sends). */
export function poxResponse(o: { codeMajor: CodeMajor; description: string; messageId: string; refMessageId: string | null; operation: string; body?: string }): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>` +
    `<imsx_POXEnvelopeResponse xmlns="${POX_NAMESPACE}">` +
    `<imsx_POXHeader><imsx_POXResponseHeaderInfo><imsx_version>V1.0</imsx_version>` +
    `<imsx_messageIdentifier>${escapeXml(o.messageId)}</imsx_messageIdentifier>` +
    `<imsx_statusInfo><imsx_codeMajor>${o.codeMajor}</imsx_codeMajor><imsx_severity>status</imsx_severity>` +
    `<imsx_description>${escapeXml(o.description)}</imsx_description>` +
    `<imsx_messageRefIdentifier>${escapeXml(o.refMessageId ?? '')}</imsx_messageRefIdentifier>` +
    `<imsx_operationRefIdentifier>${escapeXml(o.operation)}</imsx_operationRefIdentifier></imsx_statusInfo>` +
    `</imsx_POXResponseHeaderInfo></imsx_POXHeader><imsx_POXBody>${o.body ?? ''}</imsx_POXBody></imsx_POXEnvelopeResponse>`
  );
}

type XmlNode = Record<string, unknown>;

/** Follows a path of element names, taking the first child each time (xml2js gives arrays, the root excepted). */
function at(node: unknown, ...path: string[]): unknown {
  let current: unknown = node;
  for (const name of path) {
    if (!current || typeof current !== 'object' || !Object.hasOwn(current, name)) return undefined;
    const children = (current as XmlNode)[name];
    current = Array.isArray(children) ? children[0] : children;
  }
  return current;
}

/** The text of an element, whether xml2js gave a string or an object with `_` (when it had attributes). */
function text(node: unknown): string | null {
  if (typeof node === 'string') return node;
  const inner = (node as XmlNode | undefined)?._;
  return typeof inner === 'string' ? inner : null;
}

/** Parses XML with namespace prefixes stripped (ims:imsx_codeMajor and imsx_codeMajor read alike); null when not XML. */
export async function parsePox(xml: string): Promise<XmlNode | null> {
  try {
    const doc = await parseStringPromise(xml, { explicitArray: true, trim: true, tagNameProcessors: [processors.stripPrefix] });
    return doc && typeof doc === 'object' ? (doc as XmlNode) : null;
  } catch {
    return null;
  }
}

/** The status of a POX response; null when the document is not one. */
export async function readPoxResponse(xml: string): Promise<{ codeMajor: string; description: string | null } | null> {
  const doc = await parsePox(xml);
  const status = at(doc, 'imsx_POXEnvelopeResponse', 'imsx_POXHeader', 'imsx_POXResponseHeaderInfo', 'imsx_statusInfo');
  const codeMajor = text(at(status, 'imsx_codeMajor'));
  if (!codeMajor) return null;
  return { codeMajor: codeMajor.trim().toLowerCase(), description: text(at(status, 'imsx_description')) };
}

/** A POX request as an outcome service reads it: operation, message id, sourcedId and score text. */
export async function readPoxRequest(xml: string): Promise<{ operation: string; messageId: string | null; sourcedId: string | null; scoreText: string | null } | null> {
  const doc = await parsePox(xml);
  const envelope = at(doc, 'imsx_POXEnvelopeRequest') as XmlNode | undefined;
  const body = at(envelope, 'imsx_POXBody') as XmlNode | undefined;
  const operation = body && typeof body === 'object' ? Object.keys(body).find((k) => k.endsWith('Request')) : undefined;
  if (!operation) return null;
  const record = at(body, operation, 'resultRecord');
  return {
    operation,
    messageId: text(at(envelope, 'imsx_POXHeader', 'imsx_POXRequestHeaderInfo', 'imsx_messageIdentifier')),
    sourcedId: text(at(record, 'sourcedGUID', 'sourcedId')),
    scoreText: text(at(record, 'result', 'resultScore', 'textString')),
  };
}
