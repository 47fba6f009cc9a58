import { CookieJar } from '../helpers/browserlessClient';
import { sessionTokenIn } from '../helpers/launchAssertions';
import { api, postLaunch, signedLaunch } from '../helpers/ltiFlow';
import { startTestTool, type TestTool } from '../helpers/testTool';
import { findPersona } from '../../lti-tool/src/sandbox/sandbox.personas';

const ROLES = 'https://purl.imsglobal.org/spec/lti/claim/roles';
const LIS = 'http://purl.imsglobal.org/vocab/lis/v2/';
const M = `${LIS}membership#`;

/** LTI roles as platforms send them, and the Staffroom role each launch must get. `undefined` leaves the claim out. */
const cases: Array<{ who: string; roles: unknown; role: 'admin' | 'lead' | 'participant' }> = [
  { who: 'an Instructor (full URI)', roles: [`${M}Instructor`], role: 'lead' },
  { who: 'a Learner (full URI)', roles: [`${M}Learner`], role: 'participant' },
  { who: 'an institution Administrator', roles: [`${LIS}institution/person#Administrator`], role: 'admin' },
  { who: 'a course (context) Administrator', roles: [`${M}Administrator`], role: 'admin' },
  { who: 'a system SysAdmin', roles: [`${LIS}system/person#SysAdmin`], role: 'admin' },
  { who: 'a TeachingAssistant (membership/Instructor#TeachingAssistant)', roles: [`${LIS}membership/Instructor#TeachingAssistant`], role: 'lead' },
  { who: 'a Mentor', roles: [`${M}Mentor`], role: 'lead' },
  { who: 'an Instructor in short form', roles: ['Instructor'], role: 'lead' },
  { who: 'a Learner in short form', roles: ['Learner'], role: 'participant' },
  { who: 'an Instructor as an LTI 1.1 URN', roles: ['urn:lti:role:ims/lis/Instructor'], role: 'lead' },
  { who: 'a Learner who is also an institution Instructor (faculty, not of this course)', roles: [`${M}Learner`, `${LIS}institution/person#Instructor`], role: 'participant' },
  { who: 'someone with unknown roles only', roles: ['http://example.org/roles#Wizard', 'urn:example:custom-role', 'Wizard'], role: 'participant' },
  { who: 'someone with an empty roles array', roles: [], role: 'participant' },
  { who: 'someone whose roles claim is a string, not an array', roles: `${M}Instructor`, role: 'participant' },
  { who: 'someone with no roles claim at all', roles: undefined, role: 'participant' },
];

describe('LTI roles map to Staffroom roles on launch', () => {
  let tool: TestTool;
  beforeAll(async () => {
    tool = await startTestTool();
  });
  afterAll(() => tool.stop());

  it.each(cases.map((c, i) => ({ ...c, sub: `roles-case-${i}` })))('$who launches with 200 and is $role', async (c) => {
    const jar = new CookieJar();
    const persona = { ...findPersona('teacher-1')!, sub: c.sub };
    const { fields } = await signedLaunch(tool, jar, {
      persona,
      edit: (claims) => void (c.roles === undefined ? delete claims[ROLES] : (claims[ROLES] = c.roles)),
    });
    const res = await postLaunch(tool, jar, fields);
    expect(res.status).toBe(200);
    const me = await api(tool, '/api/me', sessionTokenIn(await res.text()));
    expect(me.status).toBe(200);
    const body = (await me.json()) as { role: string; user: { id: string } };
    expect(body.role).toBe(c.role);
    const membership = await tool.db('memberships').where({ user_id: body.user.id }).first('role', 'lti_roles');
    expect(membership).toEqual({ role: c.role, lti_roles: Array.isArray(c.roles) ? c.roles : [] });
  });
});
