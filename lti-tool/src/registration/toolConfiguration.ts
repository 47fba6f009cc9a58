import type { ToolUrls } from '../lti/platform.service';
import {
  CANVAS_PRIVACY_LEVEL,
  PLATFORM_CONFIGURATION,
  TOOL_CLAIMS,
  TOOL_CONFIGURATION,
  TOOL_SCOPES,
  type PlatformConfiguration,
} from './registration.schema';

/** How Staffroom introduces itself to LMS admins (registration documents and the Canvas JSON). */
export const TOOL_TITLE = 'Staffroom';
export const TOOL_DESCRIPTION =
  'Asynchronous professional learning for school staff: modules, peer feedback on classroom practice and competency ratings, inside the LMS.';

/** Where Staffroom wants to appear in Canvas, per message type. */
export const CANVAS_PLACEMENTS = {
  LtiResourceLinkRequest: ['course_navigation'],
  LtiDeepLinkingRequest: ['link_selection', 'assignment_selection'],
} as const;

type MessageType = keyof typeof CANVAS_PLACEMENTS;

function supportedMessage(config: PlatformConfiguration, type: MessageType): { placements: string[] | null } | null {
  for (const m of config[PLATFORM_CONFIGURATION].messages_supported) {
    if (m === type) return { placements: null };
    if (typeof m === 'object' && m.type === type) return { placements: m.placements ?? null };
  }
  return null;
}

/** The scopes to ask for: Staffroom's own, minus those the platform says it does not support. */
export function requestedScopes(config: PlatformConfiguration): string[] {
  const supported = config.scopes_supported;
  return supported ? TOOL_SCOPES.filter((s) => supported.includes(s)) : [...TOOL_SCOPES];
}

function message(config: PlatformConfiguration, type: MessageType, urls: ToolUrls, label: string) {
  const offered = supportedMessage(config, type);
  const wanted: readonly string[] = CANVAS_PLACEMENTS[type];
  // Placements are Canvas vocabulary: send them where the platform lists them (or is Canvas), filtered to what it offers.
  const placements = offered?.placements
    ? wanted.filter((p) => offered.placements!.includes(p))
    : config[PLATFORM_CONFIGURATION].product_family_code === 'canvas'
      ? [...wanted]
      : null;
  return { type, target_link_uri: urls.launchUrl, label, ...(placements ? { placements } : {}) };
}

/**
 * The tool's client registration (LTI Dynamic Registration 1.0, OpenID Connect Dynamic Client
 * Registration with the LTI tool configuration claim), fitted to what the platform says it supports.
 */
export function buildToolRegistration(urls: ToolUrls, config: PlatformConfiguration): Record<string, unknown> {
  const messages = [message(config, 'LtiResourceLinkRequest', urls, TOOL_TITLE)];
  if (supportedMessage(config, 'LtiDeepLinkingRequest')) messages.push(message(config, 'LtiDeepLinkingRequest', urls, `${TOOL_TITLE} activity`));
  return {
    application_type: 'web',
    response_types: ['id_token'],
    grant_types: ['implicit', 'client_credentials'],
    initiate_login_uri: urls.loginUrl,
    redirect_uris: [urls.launchUrl],
    client_name: TOOL_TITLE,
    jwks_uri: urls.jwksUrl,
    token_endpoint_auth_method: 'private_key_jwt',
    scope: requestedScopes(config).join(' '),
    [TOOL_CONFIGURATION]: {
      domain: urls.domain,
      target_link_uri: urls.launchUrl,
      description: TOOL_DESCRIPTION,
      claims: [...TOOL_CLAIMS],
      messages,
      [CANVAS_PRIVACY_LEVEL]: 'public',
    },
  };
}
