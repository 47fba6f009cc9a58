import { createHash } from 'node:crypto';

/** Someone who submitted, as the fixed-deadline planner sees them. */
export interface Author {
  userId: string;
  school: string | null;
}

const hash = (salt: string, v: string) => createHash('md5').update(salt + v).digest('hex');
const sameSchool = (a: Author, b: Author) => a.school !== null && a.school === b.school;

/**
 * Orders authors so that people of one school are spread out: schools largest first, dealt round-robin, each
 * school's people in a salted-hash order (deterministic per audition, not by name or id order).
 */
function interleave(authors: Author[], salt: string): Author[] {
  const bySchool = new Map<string, Author[]>();
  for (const a of authors) {
    const k = a.school ?? `\u0000${a.userId}`; // unknown school: a school of one
    bySchool.set(k, [...(bySchool.get(k) ?? []), a]);
  }
  const groups = [...bySchool.values()].map((g) => g.sort((x, y) => hash(salt, x.userId).localeCompare(hash(salt, y.userId)))).sort((x, y) => y.length - x.length);
  const out: Author[] = [];
  for (let i = 0; out.length < authors.length; i++) for (const g of groups) if (g[i]) out.push(g[i]!);
  return out;
}

/**
 * The fixed-deadline plan: author i (in interleaved order) is reviewed by the next k authors around the circle,
 * k = min(perSubmission, n − 1). Everyone then reviews exactly k pieces (perfect balance, never self). With
 * same-school exclusion, a local search swaps reviewers between two submissions (which keeps every load) while
 * that removes a same-school pair, so exclusion is honoured wherever some balanced plan allows it.
 */
export function planFixed(authors: Author[], perSubmission: number, excludeSameSchool: boolean, salt: string): Map<string, string[]> {
  const n = authors.length;
  const k = Math.max(0, Math.min(perSubmission, n - 1));
  const order = excludeSameSchool ? interleave(authors, salt) : [...authors].sort((x, y) => hash(salt, x.userId).localeCompare(hash(salt, y.userId)));
  const reviewers: Author[][] = order.map((_, i) => Array.from({ length: k }, (_, j) => order[(i + j + 1) % n]!));
  if (excludeSameSchool) repair(order, reviewers);
  return new Map(order.map((a, i) => [a.userId, reviewers[i]!.map((r) => r.userId)]));
}

function repair(order: Author[], reviewers: Author[][]): void {
  const bad = (i: number, r: Author) => sameSchool(order[i]!, r);
  for (let pass = 0; pass < 4; pass++) {
    let changed = false;
    for (let a = 0; a < order.length; a++) {
      for (let x = 0; x < reviewers[a]!.length; x++) {
        const r = reviewers[a]![x]!;
        if (!bad(a, r)) continue;
        search: for (let b = 0; b < order.length; b++) {
          if (b === a) continue;
          for (let y = 0; y < reviewers[b]!.length; y++) {
            const s = reviewers[b]![y]!;
            // Swap r (on a) with s (on b): both must become cross-school, and nobody reviews self or twice.
            if (bad(a, s) || bad(b, r) || s.userId === order[a]!.userId || r.userId === order[b]!.userId) continue;
            if (reviewers[a]!.some((t) => t.userId === s.userId) || reviewers[b]!.some((t) => t.userId === r.userId)) continue;
            reviewers[a]![x] = s;
            reviewers[b]![y] = r;
            changed = true;
            break search;
          }
        }
      }
    }
    if (!changed) return;
  }
}
