import { loadConfig } from '../../../config/config';
import { createTestDb, type TestDb } from '../../../test/helpers/testDb';
import { runPlatformCli } from './platform.cli';

const config = loadConfig({ NODE_ENV: 'test', PUBLIC_URL: 'https://staffroom.example.org' });

function capture() {
  const lines: string[] = [];
  const errors: string[] = [];
  return { out: { log: (l: string) => lines.push(l), error: (l: string) => errors.push(l) }, lines, errors };
}

const moodle = [
  '--issuer', 'https://moodle.example.org',
  '--client-id', 'AbCdEfGhIjKlMnO',
  '--auth-url', 'https://moodle.example.org/mod/lti/auth.php',
  '--token-url', 'https://moodle.example.org/mod/lti/token.php',
  '--jwks-url', 'https://moodle.example.org/mod/lti/certs.php',
  '--deployment', '1', '--deployment', '2',
  '--skip-jwks-check',
];

describe('platform CLI', () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(() => t.destroy());
  afterEach(async () => {
    await t.db('platforms').delete(); // tests in this file start from no registrations
  });

  it('registers a platform with several deployments and prints the URLs to paste into the LMS', async () => {
    const c = capture();
    expect(await runPlatformCli(['add', ...moodle], { db: t.db, config, out: c.out })).toBe(0);
    const text = c.lines.join('\n');
    expect(text).toContain('Registered platform');
    expect(text).toContain('deployments 1, 2');
    expect(text).toContain('https://staffroom.example.org/lti/login');
    expect(text).toContain('https://staffroom.example.org/lti/launch');
    expect(text).toContain('https://staffroom.example.org/.well-known/jwks.json');
    expect(await t.db('deployments').count({ n: '*' }).first()).toEqual({ n: 2 });
  });

  it('running add again updates the registration and adds new deployments without duplicates', async () => {
    await runPlatformCli(['add', ...moodle], { db: t.db, config, out: capture().out });
    const c = capture();
    expect(await runPlatformCli(['add', ...moodle, '--deployment', '3'], { db: t.db, config, out: c.out })).toBe(0);
    expect(c.lines[0]).toBe('Updated platform:');
    expect(await t.db('platforms').count({ n: '*' }).first()).toEqual({ n: 1 });
    expect(await t.db('deployments').count({ n: '*' }).first()).toEqual({ n: 3 });
  });

  it('two registrations of the same platform at once both succeed and leave one platform (processes starting together)', async () => {
    const results = await Promise.all([0, 1, 2].map(() => runPlatformCli(['add', ...moodle], { db: t.db, config, out: capture().out })));
    expect(results).toEqual([0, 0, 0]);
    expect(await t.db('platforms').count({ n: '*' }).first()).toEqual({ n: 1 });
    expect(await t.db('deployments').count({ n: '*' }).first()).toEqual({ n: 2 });
  });

  it('refuses bad input with a message naming the field, and writes nothing', async () => {
    const c = capture();
    const args = ['add', '--issuer', 'not a url', '--client-id', '', '--auth-url', 'https://a.example/auth', '--token-url', 'https://a.example/token', '--jwks-url', 'https://a.example/jwks', '--skip-jwks-check'];
    expect(await runPlatformCli(args, { db: t.db, config, out: c.out })).toBe(1);
    const err = c.errors.join('\n');
    expect(err).toMatch(/issuer/);
    expect(err).toMatch(/client id is required/);
    expect(err).toMatch(/deployment/);
    expect(await t.db('platforms').count({ n: '*' }).first()).toEqual({ n: 0 });
  });

  it('requires https URLs in production', async () => {
    const prod = loadConfig({ NODE_ENV: 'production', PUBLIC_URL: 'https://staffroom.example.org', STAFFROOM_SECRET: 'x'.repeat(40) });
    const c = capture();
    const args = moodle.map((a) => a.replace('https://moodle', 'http://moodle'));
    expect(await runPlatformCli(['add', ...args], { db: t.db, config: prod, out: c.out })).toBe(1);
    expect(c.errors.join('\n')).toMatch(/must be an https URL/);
  });

  it('refuses a JWKS URL that cannot be read, unless told to skip the check', async () => {
    const c = capture();
    const args = moodle.filter((a) => a !== '--skip-jwks-check').map((a) => a.replace('https://moodle.example.org/mod/lti/certs.php', 'http://127.0.0.1:9/certs'));
    expect(await runPlatformCli(['add', ...args], { db: t.db, config, out: c.out })).toBe(1);
    expect(c.errors.join('\n')).toMatch(/JWKS URL .* could not be read/);
  });

  it('lists registered platforms', async () => {
    await runPlatformCli(['add', ...moodle, '--name', 'District Moodle'], { db: t.db, config, out: capture().out });
    const c = capture();
    expect(await runPlatformCli(['list'], { db: t.db, config, out: c.out })).toBe(0);
    expect(c.lines.join('\n')).toContain('District Moodle  issuer https://moodle.example.org  client id AbCdEfGhIjKlMnO');
  });

  it('prints usage for an unknown command', async () => {
    const c = capture();
    expect(await runPlatformCli(['frobnicate'], { db: t.db, config, out: c.out })).toBe(2);
    expect(c.errors.join('\n')).toContain('Usage:');
  });
});
