import type { NrpsFault } from '../../lti-tool/src/sandbox/sandbox.nrps.store';
import { startTestTool, type TestTool } from '../helpers/testTool';
import { finishedSync, launchDemo, rosterBySub, ROLE, sandboxCourse, syncNow } from './rosterFlow';

/**
 * A hostile or broken LMS never corrupts the roster: each bad answer ends the run as failed with a readable
 * error, and the roster stays exactly as the last good sync left it (including members staged from earlier pages).
 * Transient failures (429, 5xx, timeouts) are retried once here (ROSTER_SYNC_RETRY_LIMIT=1).
 */
describe('roster sync against a hostile or failing NRPS endpoint', () => {
  let tool: TestTool;
  let admin: string;
  let baseline: Awaited<ReturnType<typeof rosterBySub>>;
  const course = () => sandboxCourse(tool);

  beforeAll(async () => {
    tool = await startTestTool({ ROSTER_SYNC_RETRY_LIMIT: '1', ROSTER_SYNC_RETRY_DELAY_SECONDS: '1', ROSTER_PAGE_TIMEOUT_SECONDS: '3', ROSTER_MAX_PAGES: '25' });
    await course().settings({ pageSize: 2 });
    admin = await launchDemo(tool, 'admin');
    expect((await finishedSync(tool, admin)).status).toBe('succeeded');
    // What a successful sync would change: a promotion on page 1, a leaver, so "unchanged" is meaningful.
    await course().upsert([{ userId: 'sandbox-teacher-1', roles: [ROLE.instructor] }]);
    await course().remove('sandbox-teacher-3');
    baseline = await rosterBySub(tool, admin);
  }, 120_000);
  afterEach(async () => {
    await course().faults([]);
  });
  afterAll(() => tool.stop());

  const permanent: Array<[string, NrpsFault, RegExp]> = [
    ['invalid JSON', { kind: 'invalid_json' }, /answered page 1 with invalid JSON/],
    ['a wrong content type', { kind: 'wrong_content_type' }, /answered page 1 as "text\/plain" instead of application\/vnd\.ims\.lti-nrps\.v2\.membershipcontainer\+json/],
    ['an HTML page with status 200', { kind: 'html' }, /answered page 1 with an HTML page instead of the roster: Site under maintenance/],
    ['JSON that is not a membership container', { kind: 'not_a_container' }, /page 1: the answer is not an NRPS membership container/],
    ['a next link to another host', { kind: 'foreign_next', page: 1 }, /next-page link points to another host \(lms\.attacker\.example\); Staffroom refuses to send its roster token there/],
    ['a redirect to another host', { kind: 'redirect', page: 2 }, /redirected page 2 to https:\/\/lms\.attacker\.example\/sandbox\/nrps\/demo-pl-cohort\?.*; Staffroom does not send its token to redirects/],
    ['a page larger than 5 MB, streamed without a length', { kind: 'huge', page: 2 }, /larger than the 5242880-byte limit per page/],
    ['404 on page 2', { kind: 'status', status: 404, page: 2 }, /answered page 2 with 404/],
    ['403 on page 1', { kind: 'status', status: 403 }, /answered page 1 with 403/],
  ];
  it.each(permanent)('%s → the run fails at once (no retry) with a clear error and the roster is unchanged', async (_what, fault, error) => {
    await course().faults([fault]);
    const run = await syncNow(tool, admin);
    expect(run).toMatchObject({ status: 'failed', attempts: 1, changes: null });
    expect(run.error).toMatch(error);
    expect(await rosterBySub(tool, admin)).toEqual(baseline);
    expect(await tool.db('roster_sync_members')).toEqual([]);
  });

  it.each([
    ['500 on page 2 every time', { kind: 'status', status: 500, page: 2 } as NrpsFault, /answered page 2 with 500/],
    ['429 every time', { kind: 'status', status: 429 } as NrpsFault, /answered page 1 with 429 \(retry after 1\)/],
    ['a page slower than the 3 s page timeout', { kind: 'slow', delayMs: 10_000 } as NrpsFault, /did not answer within 3 s/],
  ])('%s → retried with backoff, then the run fails with a clear error and the roster is unchanged', async (_what, fault, error) => {
    await course().faults([fault]);
    const run = await syncNow(tool, admin);
    expect(run).toMatchObject({ status: 'failed', attempts: 2, changes: null });
    expect(run.error).toMatch(error);
    expect(await rosterBySub(tool, admin)).toEqual(baseline);
    expect((await course().readSettings()).faults[0]!.hits).toBe(2);
  });

  it('an endless chain of next links stops at the page limit (ROSTER_MAX_PAGES=25 here) with a failed run and the roster unchanged', async () => {
    await course().faults([{ kind: 'endless' }]);
    const run = await syncNow(tool, admin);
    expect(run).toMatchObject({ status: 'failed', attempts: 1, progress: { pagesFetched: 25 } });
    expect(run.error).toMatch(/more than 25 pages/);
    expect(await rosterBySub(tool, admin)).toEqual(baseline);
  });

  it('a 401 (token revoked by the LMS) gets a fresh token and one retry of the page; the sync then succeeds', async () => {
    await course().faults([{ kind: 'unauthorized', page: 2, times: 1 }]);
    const run = await syncNow(tool, admin);
    // The sandbox revoked the first token: only a freshly issued one could read page 2.
    expect(run).toMatchObject({ status: 'succeeded', attempts: 1, progress: { pagesFetched: 2, membersFetched: 4 } });
    expect((await course().readSettings()).faults[0]).toMatchObject({ hits: 1, times: 0 });
    expect((await rosterBySub(tool, admin))['sandbox-teacher-1']!.role).toBe('lead');
  });

  it('a 401 even with a fresh token fails the run after exactly one retry', async () => {
    await course().faults([{ kind: 'unauthorized' }]);
    const before = await rosterBySub(tool, admin);
    const run = await syncNow(tool, admin);
    expect(run).toMatchObject({ status: 'failed', attempts: 1 });
    expect(run.error).toMatch(/refused the roster token twice \(401\)/);
    expect((await course().readSettings()).faults[0]!.hits).toBe(2);
    expect(await rosterBySub(tool, admin)).toEqual(before);
  });

  it('a 500 once → the queue retries and the second attempt succeeds', async () => {
    await course().faults([{ kind: 'status', status: 500, page: 3, times: 1 }]);
    await course().upsert([{ userId: 'sandbox-teacher-3' }]);
    const run = await syncNow(tool, admin);
    expect(run).toMatchObject({ status: 'succeeded', attempts: 2, error: null, progress: { pagesFetched: 3, membersFetched: 5 } });
    expect((await rosterBySub(tool, admin))['sandbox-teacher-3']!.status).toBe('active');
  });

  it('an empty roster from the LMS is refused: the run fails and nobody is marked as having left', async () => {
    for (const sub of ['sandbox-admin-1', 'sandbox-lead-1', 'sandbox-teacher-1', 'sandbox-teacher-2', 'sandbox-teacher-3']) await course().remove(sub);
    const before = await rosterBySub(tool, admin);
    const run = await syncNow(tool, admin);
    expect(run).toMatchObject({ status: 'failed', attempts: 1 });
    expect(run.error).toMatch(/empty roster/);
    expect(await rosterBySub(tool, admin)).toEqual(before);
  });
});
