import type { Mastery } from './competency.types';
import { DEFAULT_SCALE } from './defaultScale';
import { levelFor, masteryOf, masteryScore, rollUp, treeMastery, type RatingPoint } from './mastery';

const at = (day: number, seq = day) => ({ ratedAt: new Date(Date.UTC(2026, 10, day)), seq });
/** Ratings given as points in the order they were made (day 1, 2, …). */
const made = (...points: number[]): RatingPoint[] => points.map((p, i) => ({ points: p, ...at(i + 1) }));
const scale = DEFAULT_SCALE; // Beginning 1, Developing 2, Proficient 3 (proficient), Exemplary 4

describe('masteryScore (Canvas Learning Mastery methods)', () => {
  it('most recent: the last rating made counts, whatever came before (4, 2 → 2)', () => {
    expect(masteryScore(made(4, 2), { method: 'most_recent', n: 3, weight: 0.65 })).toBe(2);
  });

  it('orders by when the rating was made, not by the order it arrives in', () => {
    const late = { points: 1, ...at(20) };
    const early = { points: 4, ...at(5) };
    expect(masteryScore([late, early], { method: 'most_recent', n: 3, weight: 0.65 })).toBe(1);
  });

  it('breaks a tie of two ratings made in the same instant by insertion order (the later insert is more recent)', () => {
    const same = new Date(Date.UTC(2026, 10, 3));
    expect(masteryScore([{ points: 4, ratedAt: same, seq: 8 }, { points: 2, ratedAt: same, seq: 7 }], { method: 'most_recent', n: 3, weight: 0.65 })).toBe(4);
    expect(masteryScore([{ points: 2, ratedAt: same, seq: 9 }, { points: 4, ratedAt: same, seq: 7 }], { method: 'most_recent', n: 3, weight: 0.65 })).toBe(2);
  });

  it('highest: the best rating ever (1, 4, 2 → 4); ties are the same score', () => {
    expect(masteryScore(made(1, 4, 2), { method: 'highest', n: 3, weight: 0.65 })).toBe(4);
    expect(masteryScore(made(3, 3), { method: 'highest', n: 3, weight: 0.65 })).toBe(3);
  });

  it('average of the last n: (1, 2, 3, 4) with n = 3 → (2 + 3 + 4) / 3 = 3; fewer ratings than n average them all', () => {
    expect(masteryScore(made(1, 2, 3, 4), { method: 'average_last_n', n: 3, weight: 0.65 })).toBe(3);
    expect(masteryScore(made(2, 3), { method: 'average_last_n', n: 3, weight: 0.65 })).toBe(2.5);
    expect(masteryScore(made(1, 2, 4), { method: 'average_last_n', n: 2, weight: 0.65 })).toBe(3);
  });

  it('decaying average: latest × w + mean of earlier × (1 − w): (2, 4, 3) at 65 % → 3 × .65 + 3 × .35 = 3', () => {
    expect(masteryScore(made(2, 4, 3), { method: 'decaying_average', n: 3, weight: 0.65 })).toBe(3);
    expect(masteryScore(made(1, 4), { method: 'decaying_average', n: 3, weight: 0.65 })).toBe(2.95); // 4 × .65 + 1 × .35
    expect(masteryScore(made(4, 1), { method: 'decaying_average', n: 3, weight: 0.75 })).toBe(1.75); // 1 × .75 + 4 × .25
    expect(masteryScore(made(3), { method: 'decaying_average', n: 3, weight: 0.65 })).toBe(3);
  });

  it('has no score without ratings', () => {
    expect(masteryScore([], { method: 'highest', n: 3, weight: 0.65 })).toBeNull();
  });
});

describe('levelFor and masteryOf', () => {
  it('maps a score to the highest level whose points it reaches (2.95 → Developing, 3 → Proficient)', () => {
    expect(levelFor(2.95, scale).label).toBe('Developing');
    expect(levelFor(3, scale).label).toBe('Proficient');
    expect(levelFor(0.2, scale).label).toBe('Beginning');
    expect(levelFor(9, scale).label).toBe('Exemplary');
  });

  it('uses a custom scale’s points and proficiency flag', () => {
    const custom = [
      { position: 0, label: 'Not yet', points: 0, countsAsProficient: false, description: '' },
      { position: 1, label: 'Meets', points: 10, countsAsProficient: true, description: '' },
    ];
    expect(masteryOf(made(0, 10), { method: 'average_last_n', n: 2, weight: 0.65 }, custom)).toEqual({ points: 5, levelPosition: 0, proficient: false });
    expect(masteryOf(made(10), { method: 'most_recent', n: 2, weight: 0.65 }, custom)).toEqual({ points: 10, levelPosition: 1, proficient: true });
  });
});

describe('roll-up of a parent from its children', () => {
  const m = (points: number): Mastery => ({ points, levelPosition: levelFor(points, scale).position, proficient: levelFor(points, scale).countsAsProficient });

  it('all proficient: proficient only when every child is, at the lowest child’s level; unrated until every child is rated', () => {
    expect(rollUp([m(3), m(4)], 'all_proficient', scale)).toEqual({ points: 3, levelPosition: 2, proficient: true });
    expect(rollUp([m(4), m(2)], 'all_proficient', scale)).toEqual({ points: 2, levelPosition: 1, proficient: false });
    expect(rollUp([m(4), null], 'all_proficient', scale)).toBeNull();
  });

  it('average points: mean of the rated children mapped onto the scale ((4 + 2) / 2 = 3 → Proficient)', () => {
    expect(rollUp([m(4), m(2)], 'average_points', scale)).toEqual({ points: 3, levelPosition: 2, proficient: true });
    expect(rollUp([m(4), m(1), null], 'average_points', scale)).toEqual({ points: 2.5, levelPosition: 1, proficient: false });
    expect(rollUp([null], 'average_points', scale)).toBeNull();
  });

  it('rolls a three-level tree up from the leaves (indicator → competency → domain)', () => {
    const nodes = [
      { id: 'D', parentId: null },
      { id: 'C1', parentId: 'D' },
      { id: 'C2', parentId: 'D' },
      { id: 'I1', parentId: 'C1' },
      { id: 'I2', parentId: 'C1' },
    ];
    const tree = treeMastery(nodes, new Map([['I1', m(4)], ['I2', m(3)], ['C2', m(3)]]), 'all_proficient', scale);
    expect(tree.get('C1')).toEqual({ points: 3, levelPosition: 2, proficient: true });
    expect(tree.get('D')).toEqual({ points: 3, levelPosition: 2, proficient: true });
  });
});
