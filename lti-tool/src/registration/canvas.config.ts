import type { ToolUrls } from '../lti/platform.service';
import { TOOL_SCOPES } from './registration.schema';
import { CANVAS_PLACEMENTS, TOOL_DESCRIPTION, TOOL_TITLE } from './toolConfiguration';

/**
 * The Canvas developer key JSON ("LTI Key → Method: Enter URL"), in the shape Canvas documents
 * (doc/api/lti_dev_key_config.md). Privacy is public so Staffroom gets names and emails (it also works
 * without them); no custom fields, because everything Staffroom uses arrives in standard LTI claims.
 */
export function canvasDeveloperKeyJson(urls: ToolUrls) {
  const placement = (placement: string, messageType: keyof typeof CANVAS_PLACEMENTS, text: string) => ({
    placement,
    message_type: messageType,
    target_link_uri: urls.launchUrl,
    text,
  });
  return {
    title: TOOL_TITLE,
    description: TOOL_DESCRIPTION,
    oidc_initiation_url: urls.loginUrl,
    target_link_uri: urls.launchUrl,
    public_jwk_url: urls.jwksUrl,
    scopes: [...TOOL_SCOPES],
    custom_fields: {} as Record<string, string>,
    extensions: [
      {
        domain: urls.domain,
        tool_id: 'staffroom',
        platform: 'canvas.instructure.com',
        privacy_level: 'public',
        settings: {
          text: TOOL_TITLE,
          placements: [
            placement('course_navigation', 'LtiResourceLinkRequest', TOOL_TITLE),
            ...CANVAS_PLACEMENTS.LtiDeepLinkingRequest.map((p) => placement(p, 'LtiDeepLinkingRequest', `${TOOL_TITLE} activity`)),
          ],
        },
      },
    ],
  };
}
