import type { Knex } from 'knex';
import {
  canSeePersonalData,
  hasModuleLeadRights,
  loadCohortAccess,
  personalDataContextIds,
  requireActiveCohort,
  requireCohortManager,
  requireCohortRole,
  requireModuleLead,
} from '../../lti-tool/src/cohorts/cohortAccess';
import type { AppError } from '../../lti-tool/src/http/errors';
import type { SessionIdentity } from '../../lti-tool/src/lti/session';
import { startTestTool, type TestTool } from '../helpers/testTool';
import { call, launchIn, otherPlatform, person, sandboxDeployment, type Launched } from '../helpers/courseFlow';

const COURSE = { id: 'access-course', title: 'Access course' };
const PARTNER = { id: 'partner-course', title: 'Partner course' };

/** The error a call threw (or a failure when it threw nothing). */
async function thrown(fn: () => unknown): Promise<AppError> {
  try {
    await fn();
  } catch (e) {
    return e as AppError;
  }
  throw new Error('expected an error');
}

describe('loadCohortAccess and the cohort role helpers', () => {
  let tool: TestTool;
  let admin: Launched;
  let lead: Launched;
  let participant: Launched;
  let partnerAdmin: Launched;
  let strangerAdmin: Launched;
  let cohortId: string;
  let templateId: string;
  let moduleIds: string[];
  const session = async (who: Launched): Promise<SessionIdentity> => (await tool.services.sessionTokens.verify(who.token)) as SessionIdentity;

  beforeAll(async () => {
    tool = await startTestTool();
    admin = await launchIn(tool, 'admin', COURSE);
    lead = await launchIn(tool, 'lead', COURSE);
    participant = await launchIn(tool, 'teacher-1', COURSE);
    partnerAdmin = await launchIn(tool, person('p-admin', 'Pat Partner', 'admin'), PARTNER, await sandboxDeployment(tool, 'district-p'));
    strangerAdmin = await launchIn(tool, person('s-admin', 'Sol Stranger', 'admin'), COURSE, await otherPlatform(tool, 'lms-s.example.edu'));
    const builtIn = (await call(tool, 'GET', '/api/cohort-templates', admin)).body.templates[0];
    const cohort = await call(tool, 'POST', '/api/cohorts', admin, { templateId: builtIn.id, title: 'Access cohort' });
    cohortId = cohort.body.id;
    moduleIds = await tool.db('modules').where({ cohort_id: cohortId }).orderBy('position').pluck('id');
    templateId = (await call(tool, 'POST', `/api/cohorts/${cohortId}/save-as-template`, admin, {})).body.id;
    const invite = await call(tool, 'POST', `/api/cohorts/${cohortId}/network-invites`, admin, {});
    expect((await call(tool, 'POST', '/api/cohorts/join', partnerAdmin, { code: invite.body.code })).status).toBe(200);
    await tool.db('cohort_facilitators').insert({ cohort_id: cohortId, module_id: moduleIds[1], user_id: participant.userId, assigned_by: admin.userId });
  }, 120_000);
  afterAll(() => tool.stop());

  it('answers with one database query', async () => {
    const s = await session(admin);
    let queries = 0;
    const count = () => void (queries += 1);
    (tool.db as Knex).on('query', count);
    try {
      await loadCohortAccess(tool.db, s, cohortId);
    } finally {
      tool.db.removeListener('query', count);
    }
    expect(queries).toBe(1);
  });

  it('gives the owner course’s admin the cohort, its courses (owner first), their own course and owner status', async () => {
    const access = await loadCohortAccess(tool.db, await session(admin), cohortId);
    expect(access).toMatchObject({ role: 'admin', ownContextId: admin.contextId, isOwnerContext: true, facilitatorModuleIds: [] });
    expect(access.cohort).toMatchObject({ id: cohortId, title: 'Access cohort', kind: 'cohort', ownerContextId: admin.contextId });
    expect(access.contextIds).toEqual([admin.contextId, partnerAdmin.contextId]);
  });

  it('gives a joined course’s admin access as a non-owner, with their own course for per-person data', async () => {
    const access = await loadCohortAccess(tool.db, await session(partnerAdmin), cohortId);
    expect(access).toMatchObject({ role: 'admin', ownContextId: partnerAdmin.contextId, isOwnerContext: false });
    expect(personalDataContextIds(access)).toEqual([partnerAdmin.contextId]);
    expect(canSeePersonalData(access, admin.contextId)).toBe(false);
    expect((await thrown(() => requireCohortManager(access))).status).toBe(403);
  });

  it('lists the modules a participant facilitates and gives lead rights for those modules only', async () => {
    const access = await loadCohortAccess(tool.db, await session(participant), cohortId);
    expect(access.facilitatorModuleIds).toEqual([moduleIds[1]]);
    expect(hasModuleLeadRights(access, moduleIds[1]!)).toBe(true);
    expect(hasModuleLeadRights(access, moduleIds[0]!)).toBe(false);
    expect(() => requireModuleLead(access, moduleIds[1]!)).not.toThrow();
    expect((await thrown(() => requireModuleLead(access, moduleIds[0]!))).id).toBe('forbidden');
    expect(personalDataContextIds(access)).toEqual([]);
    expect(personalDataContextIds(access, moduleIds[1])).toEqual([participant.contextId]);
  });

  it.each([
    ['another platform’s admin in a course with the same LTI id', () => strangerAdmin, () => cohortId],
    ['a malformed id', () => admin, () => 'nope'],
    ['an unknown id', () => admin, () => '6d1f7a57-0000-4000-8000-000000000000'],
    ['a participant asking for a template', () => participant, () => templateId],
  ])('throws 404 not_found for %s', async (_what, who, id) => {
    const e = await thrown(async () => loadCohortAccess(tool.db, await session(who()), id()));
    expect({ status: e.status, id: e.id, message: e.message }).toEqual({ status: 404, id: 'not_found', message: 'Cohort was not found.' });
  });

  it('throws 404 for a (validly signed) session whose course is paired with another deployment', async () => {
    const s = await session(admin);
    const partner = await session(partnerAdmin);
    const e = await thrown(() => loadCohortAccess(tool.db, { ...s, deploymentId: partner.deploymentId }, cohortId));
    expect(e.status).toBe(404);
  });

  it('requireCohortRole passes the named roles and throws 403 forbidden for others', async () => {
    const forLead = await loadCohortAccess(tool.db, await session(lead), cohortId);
    expect(() => requireCohortRole(forLead, 'admin', 'lead')).not.toThrow();
    const e = await thrown(() => requireCohortRole(forLead, 'admin'));
    expect({ status: e.status, id: e.id }).toEqual({ status: 403, id: 'forbidden' });
    expect(personalDataContextIds(forLead)).toEqual([lead.contextId]);
  });

  it('requireActiveCohort throws 409 cohort_archived once the cohort is archived', async () => {
    const archivedId = (await call(tool, 'POST', '/api/cohorts', admin, { title: 'Old' })).body.id;
    await call(tool, 'PATCH', `/api/cohorts/${archivedId}`, admin, { status: 'archived' });
    const access = await loadCohortAccess(tool.db, await session(participant), archivedId);
    const e = await thrown(() => requireActiveCohort(access));
    expect({ status: e.status, id: e.id }).toEqual({ status: 409, id: 'cohort_archived' });
  });
});
