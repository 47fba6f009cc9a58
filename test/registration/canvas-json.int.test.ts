import { z } from 'zod';
import { startTestTool, type TestTool } from '../helpers/testTool';

/**
 * The Canvas developer key JSON as Instructure documents it ("Configuring LTI Advantage Tools",
 * doc/api/lti_dev_key_config.md): required title, description, oidc_initiation_url, target_link_uri,
 * public_jwk_url (or public_jwk), privacy_level; scopes from the documented list; placements with an
 * LTI message type. Strict objects, so a misspelt key fails the test instead of being ignored by Canvas.
 */
const CANVAS_SCOPES = [
  'https://purl.imsglobal.org/spec/lti-ags/scope/lineitem',
  'https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly',
  'https://purl.imsglobal.org/spec/lti-ags/scope/score',
  'https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly',
  'https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly',
  'https://canvas.instructure.com/lti/public_jwk/scope/update',
] as const;
const url = z.url({ protocol: /^https?$/ });
const customFields = z.record(z.string().regex(/^[a-z0-9_]+$/), z.string());
const placementSchema = z.strictObject({
  placement: z.enum(['account_navigation', 'course_navigation', 'user_navigation', 'link_selection', 'assignment_selection', 'editor_button', 'homework_submission', 'global_navigation']),
  message_type: z.enum(['LtiResourceLinkRequest', 'LtiDeepLinkingRequest']),
  target_link_uri: url.optional(),
  text: z.string().min(1).optional(),
  icon_url: url.optional(),
  enabled: z.boolean().optional(),
  custom_fields: customFields.optional(),
  selection_height: z.number().int().positive().optional(),
  selection_width: z.number().int().positive().optional(),
  required_permissions: z.string().optional(),
});
const canvasDeveloperKeySchema = z.strictObject({
  title: z.string().min(1),
  description: z.string().min(1),
  oidc_initiation_url: url,
  target_link_uri: url,
  public_jwk_url: url,
  scopes: z.array(z.enum(CANVAS_SCOPES)),
  custom_fields: customFields.optional(),
  extensions: z
    .array(
      z.strictObject({
        domain: z.string().min(1).optional(),
        tool_id: z.string().min(1).optional(),
        platform: z.literal('canvas.instructure.com'),
        privacy_level: z.enum(['anonymous', 'public', 'name_only', 'email_only']),
        settings: z.strictObject({
          text: z.string().optional(),
          icon_url: url.optional(),
          selection_height: z.number().optional(),
          selection_width: z.number().optional(),
          placements: z.array(placementSchema).min(1),
        }),
      }),
    )
    .length(1),
});

describe('GET /lti/canvas.json (Canvas developer key, "Enter URL")', () => {
  let tool: TestTool;
  beforeAll(async () => {
    tool = await startTestTool();
  });
  afterAll(() => tool.stop());

  it('answers 200 with JSON in the shape Canvas documents, pointing at this tool', async () => {
    const res = await fetch(`${tool.url}/lti/canvas.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const key = canvasDeveloperKeySchema.parse(await res.json());
    expect(key).toMatchObject({
      title: 'Staffroom',
      oidc_initiation_url: `${tool.url}/lti/login`,
      target_link_uri: `${tool.url}/lti/launch`,
      public_jwk_url: `${tool.url}/.well-known/jwks.json`,
    });
    expect(key.extensions[0]).toMatchObject({ platform: 'canvas.instructure.com', privacy_level: 'public', domain: new URL(tool.url).host });
  });

  it('asks for the gradebook (AGS) and roster (NRPS) scopes', async () => {
    const key = canvasDeveloperKeySchema.parse(await (await fetch(`${tool.url}/lti/canvas.json`)).json());
    expect([...key.scopes].sort()).toEqual([
      'https://purl.imsglobal.org/spec/lti-ags/scope/lineitem',
      'https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly',
      'https://purl.imsglobal.org/spec/lti-ags/scope/score',
      'https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly',
    ]);
  });

  it('places Staffroom in course navigation, and in link and assignment selection as deep linking', async () => {
    const key = canvasDeveloperKeySchema.parse(await (await fetch(`${tool.url}/lti/canvas.json`)).json());
    const placements = key.extensions[0]!.settings.placements.map((p) => [p.placement, p.message_type, p.target_link_uri]);
    const launch = `${tool.url}/lti/launch`;
    expect(placements).toEqual([
      ['course_navigation', 'LtiResourceLinkRequest', launch],
      ['link_selection', 'LtiDeepLinkingRequest', launch],
      ['assignment_selection', 'LtiDeepLinkingRequest', launch],
    ]);
  });
});
