import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('has working defaults for a laptop: port 3000, PGlite under ./data, sandbox on', () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.databaseUrl).toBeUndefined();
    expect(c.dataDir).toMatch(/data$/);
    expect(c.publicUrl).toBe('http://localhost:3000');
    expect(c.sandboxEnabled).toBe(true);
    expect(c.lti.clockSkewSeconds).toBe(60);
  });

  it('reads PORT, DATA_DIR and DATABASE_URL', () => {
    const c = loadConfig({ PORT: '4000', DATA_DIR: '/tmp/sr', DATABASE_URL: 'postgres://u@h:5432/db' });
    expect(c.port).toBe(4000);
    expect(c.dataDir).toBe('/tmp/sr');
    expect(c.databaseUrl).toBe('postgres://u@h:5432/db');
  });

  it('keeps a small connection pool per process unless DATABASE_POOL_MAX says otherwise (ADR 0016)', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h:5432/db' }).databasePoolMax).toBe(4);
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h:5432/db', DATABASE_POOL_MAX: '12' }).databasePoolMax).toBe(12);
    expect(() => loadConfig({ DATABASE_POOL_MAX: '0' })).toThrow(/DATABASE_POOL_MAX/);
  });

  it('names the variable and what it should be when a value is bad', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL: must start with postgres/);
    expect(() => loadConfig({ STAFFROOM_SECRET: 'short' })).toThrow(/STAFFROOM_SECRET: must be at least 32 characters/);
  });

  it('requires a secret and an https PUBLIC_URL in production, and turns the sandbox off', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/STAFFROOM_SECRET: required in production/);
    expect(() => loadConfig({ NODE_ENV: 'production', STAFFROOM_SECRET: 'x'.repeat(40), PUBLIC_URL: 'http://a.example' })).toThrow(/PUBLIC_URL: must be https/);
    const prod = loadConfig({ NODE_ENV: 'production', STAFFROOM_SECRET: 'x'.repeat(40), PUBLIC_URL: 'https://staffroom.example.org/' });
    expect(prod.sandboxEnabled).toBe(false);
    expect(prod.publicUrl).toBe('https://staffroom.example.org');
  });
});
