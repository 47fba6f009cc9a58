import { createRandomPool } from './randomPool';

describe('random pool', () => {
  it('hands out values of the asked length, never the same twice across refills', () => {
    const pool = createRandomPool(64);
    const seen = new Set<string>();
    for (let i = 0; i < 1000; i++) {
      const v = pool.next(16, 'hex');
      expect(v).toMatch(/^[0-9a-f]{32}$/);
      seen.add(v);
    }
    expect(seen.size).toBe(1000);
  });

  it('spreads its bytes evenly (each byte value about as often as the others)', () => {
    const pool = createRandomPool();
    const counts = new Array<number>(256).fill(0);
    for (let i = 0; i < 4096; i++) for (const b of Buffer.from(pool.next(16, 'base64'), 'base64')) counts[b]! += 1;
    // 65,536 bytes: 256 expected per value; a sound generator stays far inside these bounds.
    expect(Math.min(...counts)).toBeGreaterThan(150);
    expect(Math.max(...counts)).toBeLessThan(370);
  });

  it('refuses a request larger than the pool', () => {
    expect(() => createRandomPool(32).next(33, 'hex')).toThrow(RangeError);
  });
});
