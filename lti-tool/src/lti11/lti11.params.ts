import { lti11Errors } from './lti11.errors';
import type { OAuthParams } from './oauth1';

/** The OAuth 1.0a protocol parameters of a launch. */
export interface OAuthProtocol {
  consumerKey: string;
  signature: string;
  /** Seconds since the epoch, as the consumer's clock saw it. */
  timestamp: number;
  nonce: string;
}

/** The Basic Outcomes data of a launch, named as in LTI 1.1 and in the LTI 1.3 `lti-bo` bridge claim. */
export interface BasicOutcome {
  lis_outcome_service_url: string;
  lis_result_sourcedid: string;
}

/** The parts of an LTI 1.1 basic launch Staffroom uses; everything else is ignored. */
export interface Lti11LaunchParams {
  userId: string;
  name: string | null;
  givenName: string | null;
  familyName: string | null;
  email: string | null;
  roles: string[];
  context: { id: string; title: string | null; label: string | null };
  resourceLinkId: string;
  resourceLinkTitle: string | null;
  returnUrl: string | null;
  basicOutcome: BasicOutcome | null;
  /** `custom_*` parameters without their prefix, as the LTI 1.3 custom claim has them. */
  custom: Record<string, string>;
}

/** One value of a parameter: null when absent or empty; refused when repeated or too long. */
function optional(body: OAuthParams, name: string, max: number): string | null {
  const v = body[name];
  if (v === undefined || v === '') return null;
  if (typeof v !== 'string') throw lti11Errors.badParam(name, 'it is sent more than once');
  if (v.length > max) throw lti11Errors.badParam(name, `it is longer than ${max} characters`);
  return v;
}

function required(body: OAuthParams, name: string, max: number): string {
  const v = optional(body, name, max);
  if (v === null) throw lti11Errors.missingParam(name);
  return v;
}

const httpUrl = (v: string | null): string | null => {
  if (v === null) return null;
  try {
    return /^https?:$/.test(new URL(v).protocol) ? v : null;
  } catch {
    return null;
  }
};

/** Reads and checks the OAuth protocol parameters (before the signature can be checked). */
export function readOAuthProtocol(body: OAuthParams): OAuthProtocol {
  const consumerKey = required(body, 'oauth_consumer_key', 255);
  const signature = required(body, 'oauth_signature', 255);
  const method = required(body, 'oauth_signature_method', 64);
  if (method !== 'HMAC-SHA1') throw lti11Errors.unsupportedSignatureMethod(method);
  const version = optional(body, 'oauth_version', 16);
  if (version !== null && version !== '1.0') throw lti11Errors.badParam('oauth_version', 'OAuth 1.0 is required');
  const timestamp = required(body, 'oauth_timestamp', 16);
  if (!/^\d{1,12}$/.test(timestamp)) throw lti11Errors.badParam('oauth_timestamp', 'it must be whole seconds since 1970');
  const nonce = required(body, 'oauth_nonce', 128);
  return { consumerKey, signature, timestamp: Number(timestamp), nonce };
}

/** Checks the LTI parameters of a signature-checked launch and extracts what Staffroom needs. */
export function readLaunchParams(body: OAuthParams): Lti11LaunchParams {
  const messageType = required(body, 'lti_message_type', 64);
  if (messageType !== 'basic-lti-launch-request') throw lti11Errors.unsupportedMessageType(messageType);
  const version = required(body, 'lti_version', 16);
  if (version !== 'LTI-1p0') throw lti11Errors.badVersion(version);
  const resourceLinkId = required(body, 'resource_link_id', 255);
  const userId = required(body, 'user_id', 255);
  const contextId = required(body, 'context_id', 255);

  const roles = (optional(body, 'roles', 8192) ?? '').split(',').map((r) => r.trim()).filter((r) => r.length > 0);
  if (roles.length > 100 || roles.some((r) => r.length > 512)) throw lti11Errors.badParam('roles', 'there are too many roles or a role is too long');

  const givenName = optional(body, 'lis_person_name_given', 255);
  const familyName = optional(body, 'lis_person_name_family', 255);
  const composed = [givenName, familyName].filter((n) => n !== null).join(' ');
  const name = optional(body, 'lis_person_name_full', 255) ?? (composed === '' ? null : composed);

  const serviceUrl = httpUrl(optional(body, 'lis_outcome_service_url', 2048));
  const sourcedId = optional(body, 'lis_result_sourcedid', 1024);

  const customEntries: Array<[string, string]> = [];
  for (const key of Object.keys(body)) {
    const value = key.startsWith('custom_') && key.length > 7 ? optional(body, key, 4096) : null;
    if (value !== null) customEntries.push([key.slice(7), value]);
  }

  return {
    userId,
    name,
    givenName,
    familyName,
    email: optional(body, 'lis_person_contact_email_primary', 320),
    roles,
    context: { id: contextId, title: optional(body, 'context_title', 512), label: optional(body, 'context_label', 255) },
    resourceLinkId,
    resourceLinkTitle: optional(body, 'resource_link_title', 512),
    returnUrl: httpUrl(optional(body, 'launch_presentation_return_url', 2048)),
    basicOutcome: serviceUrl && sourcedId ? { lis_outcome_service_url: serviceUrl, lis_result_sourcedid: sourcedId } : null,
    custom: Object.fromEntries(customEntries), // own properties only, even for a key like __proto__
  };
}
