import { AppError, type ErrorStatus } from '../http/errors';

/**
 * A rejected login or launch. Besides the stable id and status it carries a hint
 * that tells the LMS administrator what to change, shown on the error page.
 */
export class LaunchError extends AppError {
  constructor(
    status: ErrorStatus,
    id: string,
    message: string,
    readonly hint: string,
  ) {
    super(status, id, message);
    this.name = 'LaunchError';
  }
}

const REGISTER_HINT =
  'Register the platform with `npm run platform:add -- --issuer … --client-id … --auth-url … --token-url … --jwks-url … --deployment …` (see the README), then launch again.';
const RELAUNCH_HINT = 'Open Staffroom again from the course. If it keeps happening, check that the LMS and the tool server clocks are correct.';

/** Every way a login or launch can be refused, each with its status and admin-facing advice. */
export const launchErrors = {
  missingParam: (name: string) =>
    new LaunchError(400, 'lti_login_missing_param', `The login request has no ${name}.`, `The platform must send ${name} in the OIDC login initiation request to the tool's login URL.`),
  unknownPlatform: (issuer: string, clientId?: string) =>
    new LaunchError(403, 'lti_unknown_platform', `No platform with issuer ${issuer}${clientId ? ` and client id ${clientId}` : ''} is registered with Staffroom.`, REGISTER_HINT),
  ambiguousPlatform: (issuer: string) =>
    new LaunchError(400, 'lti_ambiguous_platform', `Several registrations share the issuer ${issuer} and the request did not say which client id it is for.`, 'Configure the platform to send client_id with the login request (Canvas does this by default).'),
  unknownDeployment: (deploymentId: string, issuer: string) =>
    new LaunchError(403, 'lti_unknown_deployment', `Deployment ${deploymentId} of ${issuer} is not registered with Staffroom.`, `Add it with \`npm run platform:add -- --issuer ${issuer} --client-id … --deployment ${deploymentId}\` (the other values as registered), then launch again.`),
  badTargetLink: (uri: string) =>
    new LaunchError(400, 'lti_bad_target_link_uri', `The target link ${uri} is not a Staffroom address.`, "Set the tool's target link URI in the LMS to the tool's launch URL (shown by `npm run platform:list`)."),
  missingIdToken: () =>
    new LaunchError(400, 'lti_missing_id_token', 'The launch has no id_token.', 'The platform must POST id_token and state to the launch URL (response_mode form_post).'),
  tokenTooLarge: () =>
    new LaunchError(413, 'lti_token_too_large', 'The launch token is larger than Staffroom accepts.', 'Remove large custom parameters or claims from the tool configuration in the LMS.'),
  requestTooLarge: () =>
    new LaunchError(413, 'lti_request_too_large', 'The sign-in request has more fields or data than Staffroom accepts.', 'Remove extra custom parameters from the tool configuration in the LMS, then launch again.'),
  malformedToken: (why: string) =>
    new LaunchError(400, 'lti_malformed_token', `The launch token is not a valid JWT: ${why}.`, 'Check that the platform is an LTI 1.3 platform and that the tool is configured for LTI 1.3 (not 1.1).'),
  badAlgorithm: (alg: unknown) =>
    new LaunchError(401, 'lti_bad_algorithm', `The launch token is signed with ${String(alg)}; Staffroom accepts RS256 only.`, 'Configure the platform to sign id_tokens with RS256, as LTI 1.3 requires.'),
  missingKid: () =>
    new LaunchError(401, 'lti_missing_kid', 'The launch token does not name its signing key (kid).', 'The platform must put kid in the JWT header so the key can be found in its JWKS.'),
  unknownKid: (kid: string) =>
    new LaunchError(401, 'lti_unknown_kid', `The platform's key set has no key ${kid}.`, "Check the platform's JWKS URL registered with Staffroom; it must list the key the platform signs with."),
  jwksUnavailable: (url: string) =>
    new LaunchError(401, 'lti_jwks_unavailable', `The platform's key set at ${url} could not be read.`, 'Check that the JWKS URL registered with Staffroom is correct and reachable from the tool server.'),
  badSignature: () =>
    new LaunchError(401, 'lti_bad_signature', "The launch token's signature does not match the platform's keys.", "Check that the JWKS URL registered with Staffroom belongs to this platform and client id."),
  weakKey: (kid: string) =>
    new LaunchError(401, 'lti_weak_key', `The platform's key ${kid} is shorter than 2048 bits.`, 'Configure the platform to sign with an RSA key of at least 2048 bits, as RS256 requires.'),
  expired: () => new LaunchError(401, 'lti_token_expired', 'The launch token has expired.', RELAUNCH_HINT),
  issuedInFuture: () => new LaunchError(401, 'lti_token_from_future', 'The launch token was issued in the future.', 'The LMS clock is ahead of the tool server: synchronise both with NTP.'),
  badClaim: (claim: string, why: string) =>
    new LaunchError(401, 'lti_bad_claim', `The launch token's ${claim} claim is not acceptable: ${why}.`, 'Check the client id and issuer registered with Staffroom against the LMS tool configuration.'),
  missingClaim: (claim: string) =>
    new LaunchError(400, 'lti_missing_claim', `The launch token has no ${claim}.`, 'The platform must send every claim LTI 1.3 requires for this message type.'),
  claimTooLong: (claim: string) =>
    new LaunchError(400, 'lti_claim_too_long', `The launch token's ${claim} is longer than Staffroom accepts.`, 'Shorten the value in the LMS.'),
  badVersion: (version: unknown) =>
    new LaunchError(400, 'lti_bad_version', version === undefined ? 'The launch does not say which LTI version it is; Staffroom needs 1.3.0.' : `The launch is LTI version ${String(version)}; Staffroom needs 1.3.0.`, 'Configure the tool as an LTI 1.3 tool in the LMS.'),
  badMessageType: (type: unknown) =>
    new LaunchError(400, 'lti_unsupported_message_type', `Staffroom does not handle the message type ${String(type)}.`, 'Use Staffroom in a course link (LtiResourceLinkRequest) or a content selection placement (LtiDeepLinkingRequest).'),
  missingState: () =>
    new LaunchError(400, 'lti_missing_state', 'The launch has no state.', 'The platform must return the state the tool sent with the login request.'),
  stateMismatch: () =>
    new LaunchError(401, 'lti_state_mismatch', 'This launch was not started by this browser, or the browser blocked the cookie Staffroom needs.', 'Allow cookies for the tool, or enable LTI platform storage in the LMS (Canvas does this for LTI 1.3 tools). Opening the tool in a new window also works.'),
  stateUnknown: () =>
    new LaunchError(401, 'lti_state_unknown', 'This sign-in link was already used or has expired.', RELAUNCH_HINT),
  nonceMismatch: () =>
    new LaunchError(401, 'lti_nonce_mismatch', 'The launch token carries a nonce Staffroom did not issue for this sign-in.', 'The platform must copy the nonce from the login request into the id_token unchanged.'),
} as const;
