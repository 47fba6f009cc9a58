import { createTestDb, type TestDb } from '../../../test/helpers/testDb';
import { createSecretBox } from './secretBox';
import { createToolKeysService } from './toolKeys.service';
import { createToolKeysStore } from './toolKeys.store';

const DAY = 86_400_000;

describe('tool key rotation', () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(() => t.destroy());

  const service = () =>
    createToolKeysService({ db: t.db, store: createToolKeysStore(t.db), box: createSecretBox('s'.repeat(40)), rotationDays: 90, overlapDays: 7 });

  it('creates a current and a next key, rotates when due, and keeps retired keys published for the overlap only', async () => {
    const keys = service();
    const start = new Date('2026-01-01T00:00:00Z');
    const first = await keys.rotate(start);
    expect(first.created).toHaveLength(2);
    const jwks1 = await keys.publicJwks();
    expect(jwks1.keys).toHaveLength(2);
    for (const k of jwks1.keys) {
      expect(k).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig' });
      expect(k).not.toHaveProperty('d');
      expect(k).not.toHaveProperty('p');
    }
    const current1 = (await keys.signingKey()).kid;

    // Nothing is due a month later.
    expect(await keys.rotate(new Date(start.getTime() + 30 * DAY))).toEqual({ created: [], promoted: null, retired: [], removed: [] });

    // After 90 days the published next key becomes current; the old one is retired but still published.
    const second = await service().rotate(new Date(start.getTime() + 91 * DAY));
    expect(second.retired).toEqual([current1]);
    expect(second.promoted).not.toBeNull();
    expect(second.created).toHaveLength(1);
    const fresh = service();
    expect((await fresh.signingKey()).kid).toBe(second.promoted);
    expect((await fresh.publicJwks()).keys.map((k) => k.kid)).toContain(current1);

    // Once the overlap is over the retired key is no longer published.
    const third = await service().rotate(new Date(start.getTime() + 99 * DAY));
    expect(third.removed).toEqual([current1]);
    expect((await service().publicJwks()).keys.map((k) => k.kid)).not.toContain(current1);
  });

  it('stores private keys encrypted, never as PEM', async () => {
    const rows = await t.db('tool_keys').select('private_key_encrypted');
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(r.private_key_encrypted).toMatch(/^v1\./);
      expect(r.private_key_encrypted).not.toContain('PRIVATE KEY');
    }
  });

  it('two processes rotating at once leave exactly one current and one next key', async () => {
    await t.db('tool_keys').delete();
    await Promise.all([service().rotate(), service().rotate()]);
    const statuses = (await t.db('tool_keys').select('status')).map((r) => r.status).sort();
    expect(statuses).toEqual(['current', 'next']);
  });
});
