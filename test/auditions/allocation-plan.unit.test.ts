import { planFixed, type Author } from '../../lti-tool/src/auditions/allocation.plan';
import { between, randomSchools, rng } from './random';

/** Property tests of the fixed-deadline plan over many random cohorts. */
describe('fixed-deadline allocation plan', () => {
  const cohorts = Array.from({ length: 400 }, (_, seed) => {
    const r = rng(seed + 1);
    const n = between(r, 1, 40);
    const schools = randomSchools(r, n, 6);
    const authors: Author[] = schools.map((school, i) => ({ userId: `u${seed}-${i}`, school }));
    return { seed, authors, perSubmission: between(r, 1, 5), exclude: r() < 0.7 };
  });

  it.each(cohorts.map((c) => [c.seed, c] as const))('cohort %i: never self, distinct reviewers, every load exactly k (balanced within 1)', (_seed, c) => {
    const plan = planFixed(c.authors, c.perSubmission, c.exclude, `salt-${c.seed}`);
    const k = Math.min(c.perSubmission, c.authors.length - 1);
    const load = new Map<string, number>();
    for (const a of c.authors) {
      const reviewers = plan.get(a.userId)!;
      expect(reviewers).toHaveLength(k);
      expect(reviewers).not.toContain(a.userId);
      expect(new Set(reviewers).size).toBe(reviewers.length);
      for (const r of reviewers) load.set(r, (load.get(r) ?? 0) + 1);
    }
    const loads = c.authors.map((a) => load.get(a.userId) ?? 0);
    expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
  });

  it('honours same-school exclusion whenever no school is too big for it (largest school ≤ n / (k + 1))', () => {
    let checked = 0;
    for (const c of cohorts.filter((x) => x.exclude)) {
      const n = c.authors.length;
      const k = Math.min(c.perSubmission, n - 1);
      const sizes = new Map<string, number>();
      for (const a of c.authors) if (a.school) sizes.set(a.school, (sizes.get(a.school) ?? 0) + 1);
      if (Math.max(0, ...sizes.values()) > Math.floor(n / (k + 1))) continue;
      checked++;
      const plan = planFixed(c.authors, c.perSubmission, true, `salt-${c.seed}`);
      const school = new Map(c.authors.map((a) => [a.userId, a.school]));
      for (const a of c.authors) for (const r of plan.get(a.userId)!) if (a.school) expect([c.seed, school.get(r)]).not.toEqual([c.seed, a.school]);
    }
    expect(checked).toBeGreaterThan(50);
  });

  it('reduces same-school pairs when a school is too big to avoid them entirely', () => {
    const authors: Author[] = [...Array.from({ length: 12 }, (_, i) => ({ userId: `a${i}`, school: 'Big' })), ...Array.from({ length: 6 }, (_, i) => ({ userId: `b${i}`, school: `S${i % 3}` }))];
    const same = (exclude: boolean) => {
      const plan = planFixed(authors, 2, exclude, 'x');
      return authors.reduce((n, a) => n + plan.get(a.userId)!.filter((r) => authors.find((x) => x.userId === r)!.school === a.school).length, 0);
    };
    expect(same(true)).toBeLessThan(same(false));
  });
});
