import { randomBytes, randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { startTestTool, type TestTool } from '../../../test/helpers/testTool';
import { createIdentityStore, type IdentityStore, type LaunchCommit, type LaunchRecord } from './identity.store';

/** A launch of a new person in the sandbox's course, with a login state nobody has used. */
async function launchRecord(db: Knex): Promise<LaunchRecord> {
  const deployment = await db('deployments').first('id', 'platform_id');
  const sub = `commit-${randomBytes(4).toString('hex')}`;
  const now = new Date();
  return {
    stateId: randomBytes(16).toString('hex'),
    stateExpiresAt: new Date(now.getTime() + 600_000),
    user: { platformId: deployment.platform_id, sub, name: 'Ada Commit', givenName: 'Ada', familyName: 'Commit', email: null },
    context: { deploymentRowId: deployment.id, ltiContextId: 'commit-course', title: 'Commit course', label: null },
    membership: { ltiRoles: ['http://purl.imsglobal.org/vocab/lis/v2/membership#Learner'], role: 'participant', at: now },
    session: { id: randomUUID(), messageType: 'LtiResourceLinkRequest', resourceLinkId: null, launch: {}, expiresAt: new Date(now.getTime() + 3_600_000) },
    services: { nrps: null, ags: null },
    resourceLink: null,
  };
}

/** Runs recordLaunch inside a transaction that is rolled back, and reads the transaction's commit mode around it. */
async function commitModeAround(db: Knex, identities: IdentityStore, record: LaunchRecord, commit: LaunchCommit): Promise<{ before: string; after: string; recorded: boolean }> {
  const rollback = new Error('rollback');
  let seen = { before: '', after: '', recorded: false };
  const setting = async (trx: Knex) => String((await trx.raw("SELECT current_setting('synchronous_commit') AS v")).rows[0].v);
  await db
    .transaction(async (trx) => {
      const before = await setting(trx);
      const row = await identities.recordLaunch(record, trx, commit);
      seen = { before, after: await setting(trx), recorded: row !== null };
      throw rollback;
    })
    .catch((err) => {
      if (err !== rollback) throw err;
    });
  return seen;
}

describe('how the launch statement commits (ADR 0015)', () => {
  let tool: TestTool;
  let identities: IdentityStore;
  beforeAll(async () => {
    tool = await startTestTool();
    identities = createIdentityStore(tool.db);
  });
  afterAll(() => tool.stop());

  it('on its own, it commits without waiting for the WAL flush', async () => {
    const seen = await commitModeAround(tool.db, identities, await launchRecord(tool.db), 'async');
    expect(seen.recorded).toBe(true);
    expect(seen.after).toBe('off');
  });

  it('inside a transaction with hooks, it leaves the transaction as durable as it was', async () => {
    const seen = await commitModeAround(tool.db, identities, await launchRecord(tool.db), 'inherit');
    expect(seen.recorded).toBe(true);
    expect(seen.before).not.toBe('off');
    expect(seen.after).toBe(seen.before);
  });

  it('a launch that commits asynchronously is there for the next request, like any other', async () => {
    const record = await launchRecord(tool.db);
    const row = await identities.recordLaunch(record, tool.db, 'async');
    expect(row).not.toBeNull();
    const session = await tool.db('sessions').where({ id: record.session.id }).first('user_id', 'context_id');
    expect(session).toEqual({ user_id: row!.userId, context_id: row!.contextId });
    expect(await tool.db('lti_used_states').where({ id: record.stateId }).first('id')).toEqual({ id: record.stateId });
    // The same state again is refused and writes nothing, asynchronous or not.
    expect(await identities.recordLaunch({ ...record, session: { ...record.session, id: randomUUID() } }, tool.db, 'async')).toBeNull();
    const sessions = await tool.db('sessions').where({ user_id: row!.userId }).select('id');
    expect(sessions).toEqual([{ id: record.session.id }]);
  });
});
