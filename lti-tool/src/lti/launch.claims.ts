import { launchErrors } from './launchErrors';

const LTI = 'https://purl.imsglobal.org/spec/lti/claim/';
const DL = 'https://purl.imsglobal.org/spec/lti-dl/claim/';
const AGS = 'https://purl.imsglobal.org/spec/lti-ags/claim/endpoint';
const NRPS = 'https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice';

/** The message types Staffroom handles. */
export const MESSAGE_TYPES = ['LtiResourceLinkRequest', 'LtiDeepLinkingRequest'] as const;
/** One of the supported LTI message types. */
export type MessageType = (typeof MESSAGE_TYPES)[number];

/** The parts of a launch Staffroom uses; everything else in the token is ignored. */
export interface LaunchClaims {
  messageType: MessageType;
  deploymentId: string;
  sub: string;
  name: string | null;
  givenName: string | null;
  familyName: string | null;
  email: string | null;
  roles: string[];
  context: { id: string; title: string | null; label: string | null };
  resourceLinkId: string | null;
  resourceLinkTitle: string | null;
  targetLinkUri: string | null;
  /** Kept with the session for later features (return URL, gradebook, roster, deep-link return). */
  services: {
    returnUrl: string | null;
    ags: unknown;
    nrps: unknown;
    deepLinking: unknown;
    custom: unknown;
  };
}

type Claims = Record<string, unknown>;

function optionalString(claims: Claims, key: string, label: string, max: number): string | null {
  const v = claims[key];
  if (v === undefined || v === null || v === '') return null;
  if (typeof v !== 'string') return null; // a wrongly typed optional claim is ignored, not trusted
  if (v.length > max) throw launchErrors.claimTooLong(label);
  return v;
}

function requiredString(value: unknown, label: string, max: number): string {
  if (typeof value !== 'string' || value.length === 0) throw launchErrors.missingClaim(label);
  if (value.length > max) throw launchErrors.claimTooLong(label);
  return value;
}

const record = (v: unknown): Claims => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Claims) : {});

/** Checks the LTI claims of a verified token and extracts what Staffroom needs. */
export function readLaunchClaims(claims: Claims): LaunchClaims {
  const version = claims[`${LTI}version`];
  if (version !== '1.3.0') throw launchErrors.badVersion(version);
  const messageType = claims[`${LTI}message_type`];
  if (!MESSAGE_TYPES.includes(messageType as MessageType)) throw launchErrors.badMessageType(messageType);
  const deploymentId = requiredString(claims[`${LTI}deployment_id`], 'deployment_id', 255);
  const sub = requiredString(claims.sub, 'sub', 255);

  const rolesClaim = claims[`${LTI}roles`];
  const roles = Array.isArray(rolesClaim) ? rolesClaim.filter((r): r is string => typeof r === 'string' && r.length <= 512) : [];
  if (roles.length > 100) throw launchErrors.claimTooLong('roles');

  const ctx = record(claims[`${LTI}context`]);
  if (!claims[`${LTI}context`]) throw launchErrors.missingClaim('context (Staffroom must be placed in a course)');
  const context = {
    id: requiredString(ctx.id, 'context.id', 255),
    title: optionalString(ctx, 'title', 'context.title', 512),
    label: optionalString(ctx, 'label', 'context.label', 255),
  };

  let resourceLinkId: string | null = null;
  let resourceLinkTitle: string | null = null;
  if (messageType === 'LtiResourceLinkRequest') {
    const link = record(claims[`${LTI}resource_link`]);
    resourceLinkId = requiredString(link.id, 'resource_link.id', 255);
    resourceLinkTitle = optionalString(link, 'title', 'resource_link.title', 512);
  }
  const deepLinking = claims[`${DL}deep_linking_settings`];
  if (messageType === 'LtiDeepLinkingRequest') {
    requiredString(record(deepLinking).deep_link_return_url, 'deep_linking_settings.deep_link_return_url', 2048);
  }

  return {
    messageType: messageType as MessageType,
    deploymentId,
    sub,
    name: optionalString(claims, 'name', 'name', 255),
    givenName: optionalString(claims, 'given_name', 'given_name', 255),
    familyName: optionalString(claims, 'family_name', 'family_name', 255),
    email: optionalString(claims, 'email', 'email', 320),
    roles,
    context,
    resourceLinkId,
    resourceLinkTitle,
    targetLinkUri: optionalString(claims, `${LTI}target_link_uri`, 'target_link_uri', 2048),
    services: {
      returnUrl: optionalString(record(claims[`${LTI}launch_presentation`]), 'return_url', 'launch_presentation.return_url', 2048),
      ags: claims[AGS] ?? null,
      nrps: claims[NRPS] ?? null,
      deepLinking: deepLinking ?? null,
      custom: claims[`${LTI}custom`] ?? null,
    },
  };
}
