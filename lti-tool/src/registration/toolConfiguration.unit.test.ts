import { toolUrls } from '../lti/platform.service';
import { PLATFORM_CONFIGURATION, SCOPES, TOOL_CONFIGURATION, platformConfigurationSchema } from './registration.schema';
import { buildToolRegistration, requestedScopes } from './toolConfiguration';

const urls = toolUrls('https://staffroom.example.org');

function platform(overrides: Record<string, unknown> = {}, lti: Record<string, unknown> = {}) {
  return platformConfigurationSchema.parse({
    issuer: 'https://lms.example.org',
    authorization_endpoint: 'https://lms.example.org/auth',
    token_endpoint: 'https://lms.example.org/token',
    jwks_uri: 'https://lms.example.org/jwks',
    registration_endpoint: 'https://lms.example.org/register',
    ...overrides,
    [PLATFORM_CONFIGURATION]: { product_family_code: 'moodle', messages_supported: ['LtiResourceLinkRequest', 'LtiDeepLinkingRequest'], ...lti },
  });
}

const messagesOf = (doc: Record<string, unknown>) => (doc[TOOL_CONFIGURATION] as { messages: { type: string; placements?: string[] }[] }).messages;

describe('the tool registration document', () => {
  it('asks for every Staffroom scope when the platform does not list scopes_supported', () => {
    expect(requestedScopes(platform())).toEqual(Object.values(SCOPES));
  });

  it('asks only for the scopes the platform lists', () => {
    expect(requestedScopes(platform({ scopes_supported: ['openid', SCOPES.score, SCOPES.membership] }))).toEqual([SCOPES.score, SCOPES.membership]);
  });

  it('sends no placements to a platform that does not use them (Moodle)', () => {
    expect(messagesOf(buildToolRegistration(urls, platform())).map((m) => m.placements)).toEqual([undefined, undefined]);
  });

  it('sends Canvas placements filtered to those the platform offers', () => {
    const canvas = platform({}, {
      product_family_code: 'canvas',
      messages_supported: [
        { type: 'LtiResourceLinkRequest', placements: ['course_navigation'] },
        { type: 'LtiDeepLinkingRequest', placements: ['assignment_selection'] },
      ],
    });
    expect(messagesOf(buildToolRegistration(urls, canvas)).map((m) => m.placements)).toEqual([['course_navigation'], ['assignment_selection']]);
  });

  it('leaves out deep linking when the platform does not support it', () => {
    const basic = platform({}, { messages_supported: [{ type: 'LtiResourceLinkRequest' }] });
    expect(messagesOf(buildToolRegistration(urls, basic)).map((m) => m.type)).toEqual(['LtiResourceLinkRequest']);
  });

  it('registers the launch URL as the only redirect URI and authenticates with a signed JWT', () => {
    expect(buildToolRegistration(urls, platform())).toMatchObject({
      initiate_login_uri: 'https://staffroom.example.org/lti/login',
      redirect_uris: ['https://staffroom.example.org/lti/launch'],
      jwks_uri: 'https://staffroom.example.org/.well-known/jwks.json',
      token_endpoint_auth_method: 'private_key_jwt',
      grant_types: ['implicit', 'client_credentials'],
      [TOOL_CONFIGURATION]: { domain: 'staffroom.example.org', target_link_uri: 'https://staffroom.example.org/lti/launch' },
    });
  });
});
