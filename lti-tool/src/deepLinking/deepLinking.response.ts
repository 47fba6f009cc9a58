import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import type { SigningKey } from '../lti/toolKeys.service';
import { ITEM_CUSTOM_PARAMETER, type StaffroomItem } from './deepLinking.items';

const LTI = 'https://purl.imsglobal.org/spec/lti/claim/';
const DL = 'https://purl.imsglobal.org/spec/lti-dl/claim/';

/** How long the platform may take to receive the response (the SPA posts it at once). */
export const RESPONSE_LIFETIME_SECONDS = 300;

/** An `ltiResourceLink` content item, as the Deep Linking 2.0 spec defines it. */
export interface ResourceLinkItem {
  type: 'ltiResourceLink';
  title: string;
  text: string;
  url: string;
  custom: Record<string, string>;
  lineItem?: { scoreMaximum: number; label: string; resourceId: string; tag: string };
}

/** A chosen item with the title the admin gave it. */
export interface ChosenItem {
  item: StaffroomItem;
  title: string;
}

/**
 * The content items for the chosen Staffroom items. Every link launches the tool's launch URL and names
 * its item in `custom.staffroom_item`; graded items ask for a line item unless the platform said it ignores them.
 */
export function buildContentItems(chosen: readonly ChosenItem[], o: { launchUrl: string; acceptLineItem: boolean | undefined }): ResourceLinkItem[] {
  return chosen.map(({ item, title }) => ({
    type: 'ltiResourceLink',
    title,
    text: item.description,
    url: o.launchUrl,
    custom: { ...item.custom, [ITEM_CUSTOM_PARAMETER]: item.id },
    ...(item.lineItem && o.acceptLineItem !== false
      ? { lineItem: { scoreMaximum: item.lineItem.scoreMaximum, label: title, resourceId: item.id, tag: item.lineItem.tag } }
      : {}),
  }));
}

/** What the signed response is addressed to and carries. */
export interface ResponseClaimsInput {
  platform: { issuer: string; clientId: string };
  ltiDeploymentId: string;
  contentItems: ResourceLinkItem[];
  /** Echoed exactly when the request had `data`. */
  data: { present: boolean; value: unknown };
  msg?: string;
  log?: string;
}

/** The LtiDeepLinkingResponse claims: from the tool (iss = client id) to the platform (aud = issuer). */
export function deepLinkingResponseClaims(i: ResponseClaimsInput, now: Date): Record<string, unknown> {
  const iat = Math.floor(now.getTime() / 1000);
  return {
    iss: i.platform.clientId,
    aud: i.platform.issuer,
    iat,
    exp: iat + RESPONSE_LIFETIME_SECONDS,
    nonce: randomUUID(),
    jti: randomUUID(),
    [`${LTI}deployment_id`]: i.ltiDeploymentId,
    [`${LTI}message_type`]: 'LtiDeepLinkingResponse',
    [`${LTI}version`]: '1.3.0',
    [`${DL}content_items`]: i.contentItems,
    ...(i.data.present ? { [`${DL}data`]: i.data.value } : {}),
    ...(i.msg ? { [`${DL}msg`]: i.msg } : {}),
    ...(i.log ? { [`${DL}log`]: i.log } : {}),
  };
}

/** Signs the response with the tool's current key (RS256, kid in the header, as the platform's JWKS lookup needs). */
export function signDeepLinkingResponse(claims: Record<string, unknown>, key: SigningKey): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: 'JWT' }).sign(key.privateKey);
}
