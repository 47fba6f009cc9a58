import { LaunchError } from '../lti/launchErrors';
import type { PlatformAnswer } from './platformHttp';

const RESTART_HINT =
  'Start the registration again from the LMS (Moodle: Site administration → Plugins → Activity modules → External tool → Manage tools → Tool URL → Add LTI Advantage; Canvas: Admin → Developer Keys → + Developer Key → + LTI Registration). The registration link is valid for one hour.';
const REACH_HINT =
  'Check that the Staffroom server can reach the LMS over https (DNS, firewall, proxy) and that the LMS answers at that address, then start the registration again.';

const CONFIG_HINT =
  'The platform must publish an LTI Dynamic Registration configuration (LTI Advantage). Check that the LMS version supports LTI Dynamic Registration (Moodle 3.10 or later, Canvas), or register Staffroom by hand (see docs/installing.md).';

type Failure = Exclude<PlatformAnswer, { kind: 'json' }>;

/** An answer that arrived but is not JSON Staffroom can read. */
const isGarbage = (a: Failure) => a.kind === 'not_json' || a.kind === 'invalid_json' || a.kind === 'too_large';

/** Explains a failed call to the platform: what happened, per kind of failure. */
function describeAnswer(what: string, url: string, answer: Failure): string {
  switch (answer.kind) {
    case 'unreachable':
      return `Staffroom could not reach the platform's ${what} at ${url} (${answer.reason}).`;
    case 'redirected':
      return `The platform's ${what} at ${url} redirected (HTTP ${answer.status}${answer.location ? ` to ${answer.location}` : ''}); Staffroom does not follow redirects with the registration token.`;
    case 'http_error':
      return `The platform's ${what} at ${url} answered HTTP ${answer.status}${answer.detail ? `: ${answer.detail}` : ''}.`;
    case 'not_json':
      return `The platform's ${what} at ${url} answered with ${answer.contentType} instead of JSON.`;
    case 'invalid_json':
      return `The platform's ${what} at ${url} is not valid JSON.`;
    case 'too_large':
      return `The platform's ${what} at ${url} is larger than ${Math.round(answer.maxBytes / 1024)} kB.`;
    default: {
      const unhandled: never = answer;
      return String(unhandled);
    }
  }
}

function responseInvalid(url: string, problems: string[]): LaunchError {
  return new LaunchError(
    422,
    'registration_response_invalid',
    `The platform's answer from ${url} is not a usable registration: ${problems.join('; ')}.`,
    `Nothing was stored in Staffroom. If the LMS now lists a Staffroom tool, delete it there, then start the registration again from the LMS.`,
  );
}

/**
 * Every way a Dynamic Registration can fail. They are LaunchErrors so each carries advice for the LMS
 * admin, shown on the page the LMS frames; nothing is stored when one is raised.
 */
export const registrationErrors = {
  badRequest: (message: string) =>
    new LaunchError(400, 'registration_bad_request', `This is not a registration request Staffroom understands: ${message}.`, RESTART_HINT),
  insecureUrl: (what: string, url: string) =>
    new LaunchError(400, 'registration_insecure_url', `The platform's ${what} ${url} is not an https URL.`, 'Staffroom only registers with platforms served over https. Set the LMS site address to its https URL and start the registration again.'),
  configurationFailed: (url: string, answer: Failure) =>
    new LaunchError(
      422,
      answer.kind === 'http_error' ? 'registration_configuration_refused' : isGarbage(answer) ? 'registration_configuration_invalid' : 'registration_configuration_unreachable',
      describeAnswer('OpenID configuration', url, answer),
      answer.kind === 'http_error' && answer.status < 500 ? `The LMS did not hand out its configuration; the registration token may have expired. ${RESTART_HINT}` : isGarbage(answer) ? CONFIG_HINT : REACH_HINT,
    ),
  configurationInvalid: (url: string, problems: string[]) =>
    new LaunchError(422, 'registration_configuration_invalid', `The platform's OpenID configuration at ${url} cannot be used: ${problems.join('; ')}.`, CONFIG_HINT),
  issuerMismatch: (issuer: string, url: string) =>
    new LaunchError(422, 'registration_issuer_mismatch', `The platform's configuration says its issuer is ${issuer}, but it was served from ${new URL(url).origin}.`, 'LTI Dynamic Registration requires the issuer to be the site the configuration comes from. Check the LMS site address (Moodle: $CFG->wwwroot; self-hosted Canvas: lti_iss in config/security.yml) and start the registration again.'),
  registrationFailed: (url: string, answer: Failure) => {
    if (isGarbage(answer)) return responseInvalid(url, [describeAnswer('registration endpoint', url, answer)]);
    const refused = answer.kind === 'http_error' && answer.status < 500;
    return new LaunchError(
      422,
      refused ? 'registration_refused' : answer.kind === 'http_error' ? 'registration_failed' : 'registration_unreachable',
      describeAnswer('registration endpoint', url, answer),
      refused ? `The LMS refused Staffroom's registration; its reason is quoted above. ${RESTART_HINT}` : REACH_HINT,
    );
  },
  registrationResponseInvalid: (url: string, problems: string[]) => responseInvalid(url, problems),
} as const;
