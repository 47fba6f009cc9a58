import type { JWTPayload } from 'jose';
import { DEMO_CONTEXT, type Persona } from './sandbox.personas';

const LTI = 'https://purl.imsglobal.org/spec/lti/claim/';

/** Where the sandbox platform lives and who it thinks the tool is. */
export interface SandboxIdentity {
  issuer: string;
  clientId: string;
  deploymentId: string;
  authUrl: string;
  tokenUrl: string;
  jwksUrl: string;
  toolLaunchUrl: string;
}

/** The opaque `data` the sandbox's deep-linking requests carry; the tool must echo it exactly. */
export const SANDBOX_DEEP_LINKING_DATA = 'sandbox-dl-data';

/** Options for one launch. */
export interface ClaimOptions {
  nonce: string;
  messageType?: 'LtiResourceLinkRequest' | 'LtiDeepLinkingRequest';
  now?: Date;
  /** Leave out name and email, as Canvas "anonymous" and Moodle privacy settings do. */
  anonymous?: boolean;
  /** Launch a link the course holds (placed by deep linking): its resource_link id and custom parameters. */
  link?: { id: string; title: string; custom: Record<string, string> };
}

/** Builds the claims a Moodle-like platform sends for a persona's launch in the demo cohort. */
export function buildLaunchClaims(id: SandboxIdentity, persona: Persona, o: ClaimOptions): JWTPayload & Record<string, unknown> {
  const iat = Math.floor((o.now ?? new Date()).getTime() / 1000);
  const messageType = o.messageType ?? 'LtiResourceLinkRequest';
  const claims: JWTPayload & Record<string, unknown> = {
    iss: id.issuer,
    aud: id.clientId,
    azp: id.clientId,
    sub: persona.sub,
    iat,
    exp: iat + 60, // Moodle's lifetime: the tool must validate promptly
    nonce: o.nonce,
    ...(o.anonymous ? {} : { name: persona.name, given_name: persona.givenName, family_name: persona.familyName, email: persona.email }),
    [`${LTI}version`]: '1.3.0',
    [`${LTI}message_type`]: messageType,
    [`${LTI}deployment_id`]: id.deploymentId,
    [`${LTI}target_link_uri`]: id.toolLaunchUrl,
    [`${LTI}roles`]: persona.roles,
    [`${LTI}context`]: { id: DEMO_CONTEXT.id, label: DEMO_CONTEXT.label, title: DEMO_CONTEXT.title, type: ['http://purl.imsglobal.org/vocab/lis/v2/course#CourseOffering'] },
    [`${LTI}tool_platform`]: { guid: 'sandbox', name: 'Staffroom sandbox LMS', product_family_code: 'staffroom-sandbox', version: '1' },
    [`${LTI}launch_presentation`]: { document_target: 'iframe', return_url: `${id.issuer}/`, locale: 'en' },
    [`${LTI}custom`]: { context_memberships_url: `${id.issuer}/nrps/${DEMO_CONTEXT.id}`, ...o.link?.custom },
    'https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice': {
      context_memberships_url: `${id.issuer}/nrps/${DEMO_CONTEXT.id}`,
      service_versions: ['2.0'],
    },
    'https://purl.imsglobal.org/spec/lti-ags/claim/endpoint': {
      scope: [
        'https://purl.imsglobal.org/spec/lti-ags/scope/lineitem',
        'https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly',
        'https://purl.imsglobal.org/spec/lti-ags/scope/score',
      ],
      lineitems: `${id.issuer}/ags/${DEMO_CONTEXT.id}/lineitems?type_id=1`,
    },
    'http://www.ExamplePlatformVendor.com/session': { id: '89023sj890dju080' }, // an unknown claim, to be ignored
  };
  if (messageType === 'LtiResourceLinkRequest') {
    claims[`${LTI}resource_link`] = o.link ? { id: o.link.id, title: o.link.title } : { id: DEMO_CONTEXT.resourceLinkId, title: 'Staffroom' };
  } else {
    claims['https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings'] = {
      deep_link_return_url: `${id.issuer}/deep-link-return`,
      accept_types: ['ltiResourceLink'],
      accept_presentation_document_targets: ['iframe', 'window'],
      accept_multiple: false,
      data: SANDBOX_DEEP_LINKING_DATA,
    };
  }
  return claims;
}
