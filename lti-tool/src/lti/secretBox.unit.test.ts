import { createSecretBox } from './secretBox';

describe('secret box', () => {
  it('round-trips a secret and produces different ciphertext each time', () => {
    const box = createSecretBox('a'.repeat(40));
    const a = box.encrypt('private key');
    expect(a).not.toBe(box.encrypt('private key'));
    expect(box.decrypt(a)).toBe('private key');
  });

  it('refuses ciphertext sealed with another secret or altered', () => {
    const sealed = createSecretBox('a'.repeat(40)).encrypt('private key');
    expect(() => createSecretBox('b'.repeat(40)).decrypt(sealed)).toThrow();
    const parts = sealed.split('.');
    parts[3] = Buffer.from('tampered').toString('base64url');
    expect(() => createSecretBox('a'.repeat(40)).decrypt(parts.join('.'))).toThrow();
  });
});
