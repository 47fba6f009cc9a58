import { z } from 'zod';

const url = (label: string, requireHttps: boolean) =>
  z
    .string({ error: `${label} is required` })
    .trim()
    .pipe(z.url({ protocol: requireHttps ? /^https$/ : /^https?$/, error: `${label} must be an ${requireHttps ? 'https' : 'http(s)'} URL` }));

/** Input for registering a platform by hand; https is required outside development and tests. */
export function platformRegistrationSchema(requireHttps: boolean) {
  return z.object({
    issuer: url('issuer', requireHttps), // compared exactly with iss, so stored as given
    clientId: z.string({ error: 'client id is required' }).trim().min(1, 'client id is required').max(255),
    name: z.string().trim().max(255).nullable().default(null),
    authUrl: url('auth URL', requireHttps),
    tokenUrl: url('token URL', requireHttps),
    jwksUrl: url('JWKS URL', requireHttps),
    deploymentIds: z
      .array(z.string().trim().min(1, 'a deployment id cannot be empty').max(255, 'a deployment id is at most 255 characters'))
      .min(1, 'at least one deployment id is required'),
  });
}

/** A validated platform registration. */
export type PlatformRegistration = z.infer<ReturnType<typeof platformRegistrationSchema>>;
