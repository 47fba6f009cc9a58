import { LaunchError } from '../lti/launchErrors';

const RELAUNCH_HINT = 'Open Staffroom again from the course. If it keeps happening, check that the LMS and the tool server clocks are correct (NTP).';

/** Every way an LTI 1.1 launch can be refused, each with its status and advice for the LMS administrator. */
export const lti11Errors = {
  disabled: () =>
    new LaunchError(404, 'lti11_disabled', 'LTI 1.1 launches are turned off on this Staffroom server.', 'Configure Staffroom as an LTI 1.3 tool (see the README), or ask the Staffroom operator to set LTI11_ENABLED=on.'),
  requestTooLarge: () =>
    new LaunchError(413, 'lti11_request_too_large', 'The launch has more fields or data than Staffroom accepts.', 'Remove extra custom parameters from the tool configuration in the LMS, then launch again.'),
  missingParam: (name: string) =>
    new LaunchError(400, 'lti11_missing_param', `The launch has no ${name}.`, missingParamHint(name)),
  badParam: (name: string, why: string) =>
    new LaunchError(400, 'lti11_bad_param', `The launch's ${name} is not acceptable: ${why}.`, 'Check the tool configuration in the LMS; each LTI parameter must be sent once, with a value of reasonable length.'),
  unsupportedMessageType: (type: string) =>
    new LaunchError(400, 'lti11_unsupported_message_type', `Staffroom does not handle the LTI 1.1 message type ${type}.`, 'Use Staffroom as a basic launch (a course link or activity). Content selection needs LTI 1.3 Deep Linking.'),
  badVersion: (version: string) =>
    new LaunchError(400, 'lti11_bad_version', `The launch says LTI version ${version}; this address accepts LTI-1p0 (LTI 1.0/1.1) launches.`, 'For LTI 1.3, use the LTI 1.3 login and launch URLs from `npm run platform:list` instead.'),
  unsupportedSignatureMethod: (method: string) =>
    new LaunchError(400, 'lti11_unsupported_signature_method', `The launch is signed with ${method}; Staffroom accepts HMAC-SHA1.`, 'Configure the LMS to sign LTI 1.1 launches with HMAC-SHA1 (the LTI 1.1 default).'),
  unknownConsumer: (key: string) =>
    new LaunchError(403, 'lti11_unknown_consumer', `No LTI 1.1 consumer with the key ${key} is registered with Staffroom.`, 'Register it with `npm run lti11:add -- --key … --secret …` (see docs/lti11.md), using the consumer key and secret entered in the LMS.'),
  badSignature: (launchUrl: string) =>
    new LaunchError(401, 'lti11_bad_signature', "The launch's OAuth signature does not match the consumer's shared secret.", `Check that the secret in the LMS tool configuration is the one registered for this key, and that the tool URL in the LMS is exactly ${launchUrl}.`),
  staleTimestamp: (direction: 'past' | 'future') =>
    new LaunchError(401, 'lti11_stale_timestamp', direction === 'past' ? 'The launch is too old: its timestamp is outside the accepted window.' : 'The launch is dated in the future: its timestamp is outside the accepted window.', RELAUNCH_HINT),
  replayedNonce: () =>
    new LaunchError(401, 'lti11_replayed_nonce', 'This launch was already used (its nonce was seen before).', 'Open Staffroom again from the course: every launch must be new. A reloaded launch page is refused on purpose.'),
} as const;

function missingParamHint(name: string): string {
  if (name === 'context_id') return 'Staffroom must be placed in a course: add it as an activity or link inside a course, not at site level.';
  if (name === 'user_id') return 'The LMS must send the user id: turn on sharing of the launcher\u2019s identity (at least the user id) in the tool configuration.';
  if (name.startsWith('oauth_')) return 'The LMS must sign LTI 1.1 launches with OAuth 1.0a (consumer key and shared secret).';
  return `The LMS must send ${name} with every LTI 1.1 launch.`;
}
