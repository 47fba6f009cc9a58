import { createLoginStateSeal } from './loginState.seal';

describe('sealed login states', () => {
  const seal = createLoginStateSeal('a-secret-of-at-least-32-characters-long');
  const expiresAt = new Date('2026-11-26T19:00:00Z');

  it('opens what it issued, with the same nonce, platform, storage target and expiry', () => {
    const issued = seal.issue({ platformId: 'p-1', storageTarget: '_parent', expiresAt });
    expect(seal.open(issued.state)).toEqual(issued);
    expect(issued.state.startsWith(issued.id)).toBe(true);
    expect(issued.nonce).not.toBe(issued.state);
  });

  it('issues a different state and nonce every time', () => {
    const a = seal.issue({ platformId: 'p-1', storageTarget: null, expiresAt });
    const b = seal.issue({ platformId: 'p-1', storageTarget: null, expiresAt });
    expect(a.state).not.toBe(b.state);
    expect(a.nonce).not.toBe(b.nonce);
  });

  it('refuses a state sealed under another secret, an altered one and malformed ones', () => {
    const { state } = createLoginStateSeal('another-secret-of-at-least-32-characters').issue({ platformId: 'p-1', storageTarget: null, expiresAt });
    expect(seal.open(state)).toBeNull();
    const [id, payload, tag] = seal.issue({ platformId: 'p-1', storageTarget: null, expiresAt }).state.split('.');
    const otherPlatform = Buffer.from(JSON.stringify(['p-2', expiresAt.getTime() / 1000, null])).toString('base64url');
    expect(seal.open(`${id}.${otherPlatform}.${tag}`)).toBeNull();
    for (const bad of ['', 'abc', `${id}.${payload}`, `${id}.${payload}.${tag}.x`, `${id}.${payload}.${tag!.slice(1)}`, 'x'.repeat(2000)]) expect(seal.open(bad)).toBeNull();
  });
});
