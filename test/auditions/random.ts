/** A small seeded random generator (mulberry32), so a failing random cohort can be replayed from its seed. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An integer in [lo, hi]. */
export const between = (r: () => number, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));

/** Random schools for `n` people: 1–`maxSchools` schools, some people with no school recorded. */
export function randomSchools(r: () => number, n: number, maxSchools: number): (string | null)[] {
  const k = between(r, 1, maxSchools);
  return Array.from({ length: n }, () => (r() < 0.1 ? null : `School ${between(r, 1, k)}`));
}
