import { z } from 'zod';
import { PLATFORM_CONFIGURATION, SCOPES, TOOL_CONFIGURATION } from '../registration/registration.schema';
import type { SandboxIdentity } from './sandbox.claims';

/** Ways the sandbox's Dynamic Registration can misbehave on request, to test the tool (never in production). */
export const MISBEHAVIOURS = {
  issuer_mismatch: 'the configuration names an issuer on another site',
  config_garbage: 'the configuration is not valid JSON',
  config_html: 'the configuration is an HTML login page',
  config_missing_fields: 'the configuration lacks jwks_uri, registration_endpoint and product_family_code',
  config_huge: 'the configuration is larger than a megabyte',
  refuse: 'the registration endpoint refuses with HTTP 400',
  registration_garbage: 'the registration answer is not valid JSON',
  registration_no_client_id: 'the registration answer has no client_id',
} as const;

/** How the sandbox presents itself and what it gets wrong, from the query of its URLs. */
export const registrationFlagsSchema = z.object({
  /** Which LMS to imitate: the sandbox itself, Moodle 4.5 or Canvas cloud. */
  as: z.enum(['sandbox', 'moodle', 'canvas']).default('sandbox'),
  misbehave: z.enum(Object.keys(MISBEHAVIOURS) as [keyof typeof MISBEHAVIOURS, ...(keyof typeof MISBEHAVIOURS)[]]).optional(),
  /** 'ags': a platform without Names and Role Provisioning. */
  services: z.enum(['all', 'ags']).default('all'),
});

/** The sandbox's registration behaviour. */
export type RegistrationFlags = z.infer<typeof registrationFlagsSchema>;

/** The flags as a query string ('' when all are defaults), to carry them from URL to URL. */
export function flagsQuery(f: RegistrationFlags): string {
  const q = new URLSearchParams();
  if (f.as !== 'sandbox') q.set('as', f.as);
  if (f.misbehave) q.set('misbehave', f.misbehave);
  if (f.services !== 'all') q.set('services', f.services);
  const s = q.toString();
  return s ? `?${s}` : '';
}

const LINEITEM_READONLY = 'https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly';

/** The scopes the imitated platform supports. */
export function supportedScopes(f: RegistrationFlags): string[] {
  const ags = [SCOPES.lineItem, LINEITEM_READONLY, SCOPES.resultReadonly, SCOPES.score];
  return f.services === 'ags' ? ags : [...ags, SCOPES.membership];
}

function platformConfiguration(f: RegistrationFlags): Record<string, unknown> {
  if (f.as === 'moodle') {
    // Moodle lists message types as plain strings (mod/lti/openid-configuration.php).
    return { product_family_code: 'moodle', version: '4.5.1 (Build: 20241209)', messages_supported: ['LtiResourceLinkRequest', 'LtiDeepLinkingRequest'], placements: ['AddContentMenu'] };
  }
  if (f.as === 'canvas') {
    return {
      product_family_code: 'canvas',
      version: 'vCloud',
      messages_supported: [
        { type: 'LtiResourceLinkRequest', placements: ['account_navigation', 'course_navigation', 'user_navigation', 'link_selection'] },
        { type: 'LtiDeepLinkingRequest', placements: ['assignment_selection', 'link_selection', 'editor_button', 'homework_submission'] },
      ],
      'https://canvas.instructure.com/lti/account_name': 'Sandbox School District',
    };
  }
  return { product_family_code: 'staffroom-sandbox', version: '1', messages_supported: [{ type: 'LtiResourceLinkRequest' }, { type: 'LtiDeepLinkingRequest' }] };
}

/** The sandbox's OpenID configuration for Dynamic Registration, as the flags shape it. */
export function openidConfiguration(id: SandboxIdentity, f: RegistrationFlags): Record<string, unknown> {
  const config: Record<string, unknown> = {
    issuer: f.misbehave === 'issuer_mismatch' ? 'https://lms.example.org' : id.issuer,
    authorization_endpoint: id.authUrl,
    token_endpoint: id.tokenUrl,
    token_endpoint_auth_methods_supported: ['private_key_jwt'],
    token_endpoint_auth_signing_alg_values_supported: ['RS256'],
    jwks_uri: id.jwksUrl,
    registration_endpoint: `${id.issuer}/registration${flagsQuery(f)}`,
    scopes_supported: [...supportedScopes(f), 'openid'],
    response_types_supported: ['id_token'],
    subject_types_supported: ['public', 'pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    claims_supported: ['sub', 'iss', 'name', 'given_name', 'family_name', 'email'],
    [PLATFORM_CONFIGURATION]: platformConfiguration(f),
  };
  if (f.misbehave === 'config_missing_fields') {
    delete config.jwks_uri;
    delete config.registration_endpoint;
    delete (config[PLATFORM_CONFIGURATION] as Record<string, unknown>).product_family_code;
  }
  if (f.misbehave === 'config_huge') config.variables = ['x'.repeat(1100 * 1024)];
  return config;
}

const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });
const includes = (...wanted: string[]) => (list: string[]) => wanted.every((w) => list.includes(w));

/** A tool's client registration, checked as strictly as the LTI Dynamic Registration spec allows. */
export const toolRegistrationSchema = z.looseObject({
  application_type: z.literal('web', { error: 'must be "web"' }),
  response_types: z.array(z.string()).refine(includes('id_token'), 'must include id_token'),
  grant_types: z.array(z.string()).refine(includes('implicit', 'client_credentials'), 'must include implicit and client_credentials'),
  initiate_login_uri: httpUrl,
  redirect_uris: z.array(httpUrl).min(1, 'must list at least one URI'),
  client_name: z.string().trim().min(1, 'is required').max(255),
  jwks_uri: httpUrl,
  logo_uri: httpUrl.optional(),
  token_endpoint_auth_method: z.literal('private_key_jwt', { error: 'must be "private_key_jwt"' }),
  scope: z.string(),
  [TOOL_CONFIGURATION]: z.looseObject({
    domain: z.string().trim().min(1, 'is required'),
    target_link_uri: httpUrl,
    description: z.string().max(2048).optional(),
    custom_parameters: z.record(z.string(), z.string()).optional(),
    claims: z.array(z.string()).refine(includes('iss', 'sub'), 'must include iss and sub'),
    messages: z.array(
      z.looseObject({
        type: z.enum(['LtiResourceLinkRequest', 'LtiDeepLinkingRequest']),
        target_link_uri: httpUrl.optional(),
        label: z.string().optional(),
        placements: z.array(z.string()).optional(),
      }),
    ),
  }),
});

/** A tool registration that passed the schema. */
export type ToolRegistration = z.infer<typeof toolRegistrationSchema>;

/** Checks that need the sandbox's context: the registered launch URL, the domain, supported scopes. */
export function registrationProblems(doc: ToolRegistration, id: SandboxIdentity, f: RegistrationFlags): { error: string; description: string } | null {
  if (!doc.redirect_uris.includes(id.toolLaunchUrl)) {
    return { error: 'invalid_redirect_uri', description: `redirect_uris must include the tool launch URL ${id.toolLaunchUrl}` };
  }
  const tool = doc[TOOL_CONFIGURATION];
  if (new URL(tool.target_link_uri).host !== tool.domain) {
    return { error: 'invalid_client_metadata', description: `domain ${tool.domain} is not the host of target_link_uri ${tool.target_link_uri}` };
  }
  const supported = supportedScopes(f);
  const unsupported = doc.scope.split(' ').filter((s) => s && !supported.includes(s));
  if (unsupported.length) return { error: 'invalid_client_metadata', description: `scope asks for what this platform does not offer: ${unsupported.join(' ')}` };
  return null;
}

/** The sandbox's answer to an accepted registration, in the imitated LMS's own style. */
export function registrationResponse(doc: ToolRegistration, f: RegistrationFlags, clientId: string, deploymentId: string): Record<string, unknown> {
  const requested = doc.scope.split(' ').filter(Boolean);
  // Moodle grants read access to line items along with line item management, and says application_type as a list.
  const granted = f.as === 'moodle' && requested.includes(SCOPES.lineItem) ? [...requested, LINEITEM_READONLY] : requested;
  const tool = { ...doc[TOOL_CONFIGURATION], ...(f.as === 'canvas' ? {} : { deployment_id: deploymentId }) };
  const answer: Record<string, unknown> = { ...doc, client_id: clientId, scope: granted.join(' '), [TOOL_CONFIGURATION]: tool };
  if (f.as === 'moodle') answer.application_type = ['web'];
  if (f.misbehave === 'registration_no_client_id') delete answer.client_id;
  return answer;
}
