import { createHmac, randomUUID } from 'node:crypto';
import express, { Router } from 'express';
import type { Knex } from 'knex';
import { deriveKey } from '../lti/secretBox';
import { LTI11_LAUNCH_PATH } from '../lti11/lti11.routes';
import { bodyHash, hmacSha1Signature, parseAuthorizationHeader, queryParams, signatureBaseString, signaturesMatch, signForm } from '../lti11/oauth1';
import { poxResponse, readPoxRequest, type CodeMajor } from '../lti11/pox';
import { createSandboxOutcomeStore } from './sandbox.lti11.store';
import { DEMO_CONTEXT, type Persona } from './sandbox.personas';

/** Who the sandbox LTI 1.1 consumer is, and where it sends and receives things. */
export interface SandboxLti11Identity {
  consumerKey: string;
  secret: string;
  name: string;
  /** The tool's LTI 1.1 launch URL, as configured in the emulated LMS. */
  launchUrl: string;
  outcomesUrl: string;
  returnUrl: string;
}

/** Parameters of a launch; `undefined` leaves a parameter out. */
export type Lti11LaunchOverrides = Record<string, string | undefined>;

const LIS = 'http://purl.imsglobal.org/vocab/lis/v2/';

/** A persona's LTI 1.3 roles as Moodle 1.1 sends them: short context roles, URNs for institution and system roles. */
export function lti11Roles(roles: readonly string[]): string {
  return roles
    .map((r) => {
      if (!r.startsWith(LIS)) return r;
      const [path, name] = r.slice(LIS.length).split('#');
      if (path === 'institution/person') return `urn:lti:instrole:ims/lis/${name}`;
      if (path === 'system/person') return `urn:lti:sysrole:ims/lis/${name}`;
      return name ?? r;
    })
    .join(',');
}

/** The sandbox's LTI 1.1 consumer (a Moodle-like LMS): signed launch forms and a Basic Outcomes endpoint. */
export function createSandboxLti11Consumer(deps: { db: Knex; secret: string; publicUrl: string }) {
  const identity: SandboxLti11Identity = {
    consumerKey: 'staffroom-sandbox-lti11',
    secret: deriveKey(deps.secret, 'sandbox-lti11-consumer-secret').toString('base64url'),
    name: 'Sandbox LMS (LTI 1.1)',
    launchUrl: `${deps.publicUrl}${LTI11_LAUNCH_PATH}`,
    outcomesUrl: `${deps.publicUrl}/sandbox/lti11/outcomes`,
    returnUrl: `${deps.publicUrl}/sandbox`,
  };
  const outcomes = createSandboxOutcomeStore(deps.db);
  // Like Moodle, the sourcedId carries a hash, so a made-up one is refused with codeMajor failure.
  const sourcedHash = (data: object) => createHmac('sha256', identity.secret).update(JSON.stringify(data)).digest('base64url');
  const sourcedIdFor = (userId: string, resourceLinkId: string = DEMO_CONTEXT.resourceLinkId) => {
    const data = { instanceid: resourceLinkId, userid: userId, typeid: '1' };
    return JSON.stringify({ data, hash: sourcedHash(data) });
  };
  const sourcedIdIsOurs = (sourcedId: string) => {
    try {
      const { data, hash } = JSON.parse(sourcedId) as { data?: object; hash?: unknown };
      return typeof data === 'object' && data !== null && typeof hash === 'string' && signaturesMatch(hash, sourcedHash(data));
    } catch {
      return false;
    }
  };

  /** The unsigned parameters Moodle sends when a persona opens Staffroom in the demo course. */
  function launchParams(persona: Persona, overrides: Lti11LaunchOverrides = {}): Record<string, string> {
    const params: Lti11LaunchOverrides = {
      lti_message_type: 'basic-lti-launch-request',
      lti_version: 'LTI-1p0',
      resource_link_id: DEMO_CONTEXT.resourceLinkId,
      resource_link_title: 'Staffroom',
      user_id: persona.sub,
      roles: lti11Roles(persona.roles),
      lis_person_name_full: persona.name,
      lis_person_name_given: persona.givenName,
      lis_person_name_family: persona.familyName,
      lis_person_contact_email_primary: persona.email,
      context_id: DEMO_CONTEXT.id,
      context_label: DEMO_CONTEXT.label,
      context_title: DEMO_CONTEXT.title,
      context_type: 'CourseSection',
      launch_presentation_locale: 'en',
      launch_presentation_document_target: 'iframe',
      launch_presentation_return_url: identity.returnUrl,
      lis_outcome_service_url: identity.outcomesUrl,
      lis_result_sourcedid: sourcedIdFor(persona.sub),
      tool_consumer_info_product_family_code: 'moodle',
      tool_consumer_info_version: '2024100700',
      tool_consumer_instance_guid: new URL(identity.returnUrl).host,
      ext_lms: 'moodle-2',
      ...overrides,
    };
    return Object.fromEntries(Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined));
  }

  return {
    identity,
    outcomes,
    sourcedIdFor,
    /** What the tool must register (`npm run lti11:add`) to accept this consumer's launches. */
    registration: { consumerKey: identity.consumerKey, secret: identity.secret, name: identity.name },
    launchParams,
    /** A signed launch form, as the LMS would auto-post it. Options forge it: another key, secret, clock or URL. */
    launchForm(persona: Persona, overrides: Lti11LaunchOverrides = {}, o: { consumerKey?: string; secret?: string; now?: Date; url?: string } = {}) {
      const consumer = { key: o.consumerKey ?? identity.consumerKey, secret: o.secret ?? identity.secret };
      return signForm(o.url ?? identity.launchUrl, launchParams(persona, overrides), consumer, o.now);
    },

    /** Handles a Basic Outcomes POX request as Moodle does: HTTP 200, with codeMajor saying what happened. */
    async receiveOutcome(authorization: string | undefined, rawBody: Buffer, now: Date = new Date()): Promise<string> {
      const request = await readPoxRequest(rawBody.toString('utf8'));
      const answer = (codeMajor: CodeMajor, description: string, responseBody = '') =>
        poxResponse({ codeMajor, description, messageId: randomUUID(), refMessageId: request?.messageId ?? null, operation: request?.operation ?? 'unknown', body: responseBody });

      const oauth = parseAuthorizationHeader(authorization);
      if (!oauth) return answer('failure', 'The request is not signed with OAuth.');
      if (oauth.oauth_consumer_key !== identity.consumerKey) return answer('failure', 'Unknown consumer key.');
      if (oauth.oauth_signature_method !== 'HMAC-SHA1') return answer('failure', 'Unsupported signature method.');
      if (oauth.oauth_body_hash !== bodyHash(rawBody)) return answer('failure', 'The body hash does not match the message.');
      const base = signatureBaseString('POST', identity.outcomesUrl, oauth, queryParams(identity.outcomesUrl));
      if (!signaturesMatch(oauth.oauth_signature ?? '', hmacSha1Signature(base, identity.secret))) return answer('failure', 'Message signature not valid.');
      if (Math.abs(Number(oauth.oauth_timestamp) - now.getTime() / 1000) > 300) return answer('failure', 'Expired timestamp.');

      if (!request) return answer('failure', 'The message is not an LTI outcomes request.');
      if (!request.sourcedId || !sourcedIdIsOurs(request.sourcedId)) return answer('failure', 'Invalid sourcedid.');
      if (request.operation === 'readResultRequest') {
        const latest = await outcomes.latest(request.sourcedId);
        const score = latest ? String(latest.score) : '';
        return answer('success', 'Result read.', `<readResultResponse><result><resultScore><language>en</language><textString>${score}</textString></resultScore></result></readResultResponse>`);
      }
      if (request.operation !== 'replaceResultRequest') return answer('unsupported', `${request.operation} is not supported by the sandbox.`);
      const score = Number(request.scoreText);
      if (request.scoreText === null || !/^\d+(\.\d+)?$/.test(request.scoreText) || score < 0 || score > 1) {
        return answer('failure', 'The score must be a decimal between 0.0 and 1.0.');
      }
      await outcomes.record({ consumerKey: identity.consumerKey, sourcedId: request.sourcedId, score, messageIdentifier: request.messageId });
      return answer('success', `Score for ${request.sourcedId} is now ${request.scoreText}.`, '<replaceResultResponse/>');
    },
  };
}

/** The sandbox LTI 1.1 consumer. */
export type SandboxLti11Consumer = ReturnType<typeof createSandboxLti11Consumer>;

/** POST /sandbox/lti11/outcomes: the sandbox LMS's Basic Outcomes service (mounted only with the sandbox). */
export function sandboxLti11Routes(deps: { consumer: SandboxLti11Consumer }): Router {
  const router = Router();
  // Raw bytes: the body hash covers exactly what was sent.
  const raw = express.raw({ type: () => true, limit: '64kb' });
  router.post('/sandbox/lti11/outcomes', raw, async (req, res) => {
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    res.type('application/xml').send(await deps.consumer.receiveOutcome(req.get('authorization'), body));
  });
  return router;
}
