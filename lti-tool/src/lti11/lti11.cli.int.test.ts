import { loadConfig } from '../../../config/config';
import { createTestDb, type TestDb } from '../../../test/helpers/testDb';
import { createSecretBox } from '../lti/secretBox';
import { runLti11Cli } from './lti11.cli';

const config = loadConfig({ NODE_ENV: 'test', PUBLIC_URL: 'https://staffroom.example.org' });

function capture() {
  const lines: string[] = [];
  const errors: string[] = [];
  return { out: { log: (l: string) => lines.push(l), error: (l: string) => errors.push(l) }, lines, errors };
}

const count = async (t: TestDb, table: string) => Number((await t.db(table).count({ n: '*' }).first())?.n);

describe('LTI 1.1 consumer CLI (lti11:add, lti11:list)', () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(() => t.destroy());
  afterEach(async () => {
    await t.db('platforms').delete(); // cascades to the consumers; each test starts from none
  });

  it('registers a consumer with its platform row and lti11 deployment, keeps the secret encrypted, and prints what to enter in the LMS', async () => {
    const c = capture();
    const secret = 'district-moodle-shared-secret';
    expect(await runLti11Cli(['add', '--key', 'district-moodle', '--secret', secret, '--name', 'District Moodle'], { db: t.db, config, out: c.out })).toBe(0);
    const text = c.lines.join('\n');
    expect(text).toContain('Registered LTI 1.1 consumer');
    expect(text).toContain('https://staffroom.example.org/lti/1p1/launch');
    expect(text).toContain('district-moodle');
    expect(text).not.toContain(secret);

    const row = await t.db('lti11_consumers').where({ consumer_key: 'district-moodle' }).first();
    expect(row.secret_encrypted).not.toContain(secret);
    expect(createSecretBox(config.secret).decrypt(row.secret_encrypted)).toBe(secret);
    const platform = await t.db('platforms').where({ id: row.platform_id }).first();
    expect(platform).toMatchObject({ issuer: 'urn:lti11:district-moodle', client_id: 'district-moodle', name: 'District Moodle' });
    const deployment = await t.db('deployments').where({ id: row.deployment_id }).first();
    expect(deployment).toMatchObject({ platform_id: row.platform_id, deployment_id: 'lti11' });
  });

  it('running add again with the same key replaces the secret and name, without a second consumer or platform', async () => {
    await runLti11Cli(['add', '--key', 'k1', '--secret', 'first-secret-0123456789'], { db: t.db, config, out: capture().out });
    const c = capture();
    expect(await runLti11Cli(['add', '--key', 'k1', '--secret', 'second-secret-0123456789', '--name', 'Renamed'], { db: t.db, config, out: c.out })).toBe(0);
    expect(c.lines[0]).toMatch(/^Updated LTI 1.1 consumer/);
    expect(await count(t, 'lti11_consumers')).toBe(1);
    expect(await count(t, 'platforms')).toBe(1);
    expect(await count(t, 'deployments')).toBe(1);
    const row = await t.db('lti11_consumers').first();
    expect(createSecretBox(config.secret).decrypt(row.secret_encrypted)).toBe('second-secret-0123456789');
    expect(row.name).toBe('Renamed');
  });

  it('generates and prints a strong secret once with --generate-secret', async () => {
    const c = capture();
    expect(await runLti11Cli(['add', '--key', 'gen', '--generate-secret'], { db: t.db, config, out: c.out })).toBe(0);
    const printed = /Shared secret:\s+(\S+) \(shown once/.exec(c.lines.join('\n'))?.[1];
    expect(printed).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const row = await t.db('lti11_consumers').first();
    expect(createSecretBox(config.secret).decrypt(row.secret_encrypted)).toBe(printed);
  });

  it.each([
    [['add', '--secret', 'long-enough-secret-123'], /consumer key is required/],
    [['add', '--key', 'has space', '--secret', 'long-enough-secret-123'], /printable ASCII without spaces/],
    [['add', '--key', 'k'], /secret is required/],
    [['add', '--key', 'k', '--secret', 'short'], /at least 16 characters/],
    [['add', '--key', 'k', '--secret', ' padded-secret-1234567 '], /must not start or end with spaces/],
  ])('refuses %j with a message naming the problem, and writes nothing', async (args, message) => {
    const c = capture();
    expect(await runLti11Cli(args, { db: t.db, config, out: c.out })).toBe(1);
    expect(c.errors.join('\n')).toMatch(message);
    expect(await count(t, 'lti11_consumers')).toBe(0);
    expect(await count(t, 'platforms')).toBe(0);
  });

  it('refuses usage errors with exit code 2', async () => {
    expect(await runLti11Cli(['remove'], { db: t.db, config, out: capture().out })).toBe(2);
    expect(await runLti11Cli(['add', '--key', 'k', '--secret', 'long-enough-secret-123', '--generate-secret'], { db: t.db, config, out: capture().out })).toBe(2);
    expect(await runLti11Cli(['add', '--unknown'], { db: t.db, config, out: capture().out })).toBe(2);
  });

  it('lists consumers without their secrets, with the launch URL, and warns when LTI 1.1 is off', async () => {
    await runLti11Cli(['add', '--key', 'listed', '--secret', 'listed-secret-0123456789', '--name', 'Listed'], { db: t.db, config, out: capture().out });
    const c = capture();
    const prod = loadConfig({ NODE_ENV: 'production', PUBLIC_URL: 'https://staffroom.example.org', STAFFROOM_SECRET: 'p'.repeat(40) }); // listing never decrypts
    expect(await runLti11Cli(['list'], { db: t.db, config: prod, out: c.out })).toBe(0);
    const text = c.lines.join('\n');
    expect(text).toContain('Listed  consumer key listed');
    expect(text).not.toContain('listed-secret-0123456789');
    expect(text).toContain('https://staffroom.example.org/lti/1p1/launch');
    expect(text).toContain('LTI11_ENABLED=on');
  });
});
