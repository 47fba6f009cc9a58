import { z } from 'zod';

/** The shortest shared secret accepted: launch forms pass through the browser, so a weak secret can be brute-forced offline. */
export const MIN_SECRET_LENGTH = 16;

/** Input for registering an LTI 1.1 consumer (CLI today, admin screen later). */
export const consumerRegistrationSchema = z.object({
  consumerKey: z
    .string({ error: 'consumer key is required' })
    .trim()
    .min(1, 'consumer key is required')
    .max(200, 'consumer key is at most 200 characters')
    .regex(/^[\x21-\x7e]+$/, 'consumer key must be printable ASCII without spaces'),
  secret: z
    .string({ error: 'secret is required' })
    .min(MIN_SECRET_LENGTH, `secret must be at least ${MIN_SECRET_LENGTH} characters (use --generate-secret for a strong one)`)
    .max(255, 'secret is at most 255 characters')
    .refine((s) => s === s.trim(), 'secret must not start or end with spaces'),
  name: z.string().trim().max(255).nullable().default(null),
});

/** A validated LTI 1.1 consumer registration. */
export type ConsumerRegistration = z.infer<typeof consumerRegistrationSchema>;
