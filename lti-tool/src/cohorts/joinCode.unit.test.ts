import { generateJoinCode, hashJoinCode, looksLikeJoinCode, normaliseJoinCode } from './joinCode';
import { decodeCursor, encodeCursor } from './members.service';

describe('join codes', () => {
  it('are four groups of five Crockford base32 characters, different each time', () => {
    const codes = Array.from({ length: 50 }, generateJoinCode);
    for (const code of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}(-[0-9A-HJKMNP-TV-Z]{5}){3}$/);
    expect(new Set(codes).size).toBe(50);
  });

  it('survive retyping: case, spaces, dashes and look-alike letters normalise to the same code', () => {
    const code = '0A1BC-DEFGH-JKMNP-QRSTV';
    const typed = ' oa1bc defgh-jkmnp-qrstv ';
    expect(normaliseJoinCode(typed)).toBe(normaliseJoinCode(code));
    expect(normaliseJoinCode('IL')).toBe('11');
    expect(looksLikeJoinCode(normaliseJoinCode(code))).toBe(true);
  });

  it('rejects text of the wrong length or alphabet before any lookup', () => {
    expect(looksLikeJoinCode(normaliseJoinCode('hello'))).toBe(false);
    expect(looksLikeJoinCode('U'.repeat(20))).toBe(false);
  });

  it('hash to a stable 64-hex digest that does not contain the code', () => {
    const n = normaliseJoinCode(generateJoinCode());
    expect(hashJoinCode(n)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashJoinCode(n)).toBe(hashJoinCode(n));
    expect(hashJoinCode(n)).not.toContain(n.toLowerCase());
  });
});

describe('member list cursors', () => {
  it('round-trip the sort key and user id', () => {
    const c = { sortName: 'zoë o’neill', userId: '6d1f7a57-0000-4000-8000-000000000000' };
    expect(decodeCursor(encodeCursor(c))).toEqual(c);
  });

  it.each(['', 'x', Buffer.from('{"a":1}').toString('base64url'), Buffer.from('["a","not-a-uuid"]').toString('base64url')])('refuse %p with a 400 naming cursor', (raw) => {
    expect(() => decodeCursor(raw)).toThrow(expect.objectContaining({ status: 400, details: { fields: [{ field: 'cursor', message: expect.any(String) }] } }));
  });
});
