import { z } from 'zod';

/** Claim names of the LTI Dynamic Registration documents. */
export const PLATFORM_CONFIGURATION = 'https://purl.imsglobal.org/spec/lti-platform-configuration';
export const TOOL_CONFIGURATION = 'https://purl.imsglobal.org/spec/lti-tool-configuration';
/** Canvas reads the tool's default privacy level from this key (its Dynamic Registration defaults to anonymous). */
export const CANVAS_PRIVACY_LEVEL = 'https://canvas.instructure.com/lti/privacy_level';

/** The LTI Advantage scopes Staffroom uses: gradebook (AGS) and roster (NRPS). */
export const SCOPES = {
  lineItem: 'https://purl.imsglobal.org/spec/lti-ags/scope/lineitem',
  resultReadonly: 'https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly',
  score: 'https://purl.imsglobal.org/spec/lti-ags/scope/score',
  membership: 'https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly',
} as const;

/** Every scope Staffroom asks for, in a stable order. */
export const TOOL_SCOPES: readonly string[] = Object.values(SCOPES);

/** What each scope lets Staffroom do, in words an LMS admin understands. */
export const SCOPE_PURPOSES: Record<string, string> = {
  [SCOPES.lineItem]: 'create gradebook columns (Assignment and Grade Services)',
  [SCOPES.resultReadonly]: 'read results back from the gradebook',
  [SCOPES.score]: 'send scores to the gradebook',
  [SCOPES.membership]: 'read the course roster (Names and Role Provisioning)',
  'https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly': 'read gradebook columns',
};

/** The identity claims Staffroom asks platforms to share (it still works when they do not). */
export const TOOL_CLAIMS = ['iss', 'sub', 'name', 'given_name', 'family_name', 'email'] as const;

const urlError = (issue: { input?: unknown }) => (issue.input === undefined ? 'is missing' : 'must be an http(s) URL');
const endpoint = z.url({ protocol: /^https?$/, error: urlError }).max(2048, 'is longer than 2048 characters');

/** Moodle lists message types as strings; Canvas as objects with the placements it offers. */
const supportedMessage = z.union([z.string(), z.looseObject({ type: z.string(), placements: z.array(z.string()).optional() })]);

/**
 * The platform's OpenID configuration, as far as Staffroom relies on it. Unknown members are kept
 * (platforms add their own); only what registration needs is required.
 */
export const platformConfigurationSchema = z.looseObject({
  issuer: z.url({ protocol: /^https?$/, error: urlError }).max(1024, 'is longer than 1024 characters'),
  authorization_endpoint: endpoint,
  token_endpoint: endpoint,
  jwks_uri: endpoint,
  registration_endpoint: endpoint,
  scopes_supported: z.array(z.string()).optional(),
  [PLATFORM_CONFIGURATION]: z.looseObject({
    product_family_code: z.string().trim().min(1).max(255),
    version: z.union([z.string(), z.number()]).optional(),
    messages_supported: z.array(supportedMessage),
  }),
});

/** A platform's OpenID configuration (validated part). */
export type PlatformConfiguration = z.infer<typeof platformConfigurationSchema>;

/**
 * The platform's answer to the registration. Only client_id is required: Moodle sends
 * application_type as an array and other oddities, which Staffroom does not use.
 */
export const registrationResponseSchema = z.looseObject({
  client_id: z.union([z.string(), z.number()]).transform(String).pipe(z.string().trim().min(1).max(255)),
  scope: z.union([z.string(), z.array(z.string()).transform((a) => a.join(' '))]).optional(),
  [TOOL_CONFIGURATION]: z
    .looseObject({
      deployment_id: z.union([z.string(), z.number()]).transform(String).pipe(z.string().trim().min(1).max(255)).optional(),
    })
    .optional(),
});

/** A platform's registration response (validated part). */
export type RegistrationResponse = z.infer<typeof registrationResponseSchema>;

/** The query an LMS opens the registration URL with. */
export const registerQuerySchema = z.object({
  openid_configuration: z.string({ error: 'openid_configuration is required' }).trim().min(1, 'openid_configuration is required').max(2048),
  registration_token: z.string().trim().min(1).max(8192).optional(),
});

/** A deployment id added by the operator (e.g. the one Canvas shows after installing the app). */
export const addDeploymentSchema = z.object({
  deploymentId: z.string({ error: 'deploymentId is required' }).trim().min(1, 'deploymentId is required').max(255),
});
