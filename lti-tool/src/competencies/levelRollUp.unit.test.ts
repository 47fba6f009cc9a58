import type { Mastery, RollupRule } from './competency.types';
import { DEFAULT_SCALE } from './defaultScale';
import { levelRollUp } from './levelRollUp';
import { treeMastery } from './mastery';

const scale = DEFAULT_SCALE; // Beginning 1, Developing 2, Proficient 3 (proficient), Exemplary 4
const nodes = [
  { id: 'D', parentId: null },
  { id: 'C1', parentId: 'D' },
  { id: 'C2', parentId: 'D' },
  { id: 'I1', parentId: 'C1' },
  { id: 'I2', parentId: 'C1' },
  { id: 'E', parentId: null },
];
/** Cells as competency_mastery_rows stores them. */
const text = (cells: Record<string, Mastery>) =>
  Object.entries(cells)
    .map(([id, c]) => `${id} ${c.levelPosition} ${c.points.toFixed(2)} ${c.proficient ? 1 : 0}`)
    .join(',');
const cell = (points: number): Mastery => ({ points, levelPosition: Math.min(3, Math.floor(points) - 1), proficient: points >= 3 });

describe('levelRollUp (the heatmap’s roll-up of stored rows)', () => {
  it('reads the stored cells and rolls parents up (all_proficient: D from C1 (lowest of 4, 3) and C2)', () => {
    const levels = levelRollUp(nodes, 'all_proficient', scale);
    expect(levels(text({ I1: cell(4), I2: cell(3), C2: cell(2.5) }))).toEqual([1, 2, 1, 3, 2, null]);
    expect(levels(null)).toEqual([null, null, null, null, null, null]);
    // Nothing carries over from the previous person; a parent's own stale cell and unknown ids are ignored.
    expect(levels(text({ I1: cell(3), C1: cell(4), X: cell(4) }))).toEqual([null, null, null, 2, null, null]);
  });

  it('average_points maps the mean of the rated children onto the scale (I1 4, I2 unrated → C1 4; with C2 2.5 → D 3.25 Proficient)', () => {
    expect(levelRollUp(nodes, 'average_points', scale)(text({ I1: cell(4), C2: cell(2.5) }))).toEqual([2, 3, 1, 3, null, null]);
  });

  it.each<RollupRule>(['all_proficient', 'average_points'])('gives the same levels as treeMastery for 500 random people (%s)', (rule) => {
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const levels = levelRollUp(nodes, rule, scale);
    for (let p = 0; p < 500; p++) {
      const cells: Record<string, Mastery> = {};
      for (const id of ['I1', 'I2', 'C2', 'E']) if (random() < 0.7) cells[id] = cell(1 + Math.round(random() * 300) / 100);
      const tree = treeMastery(nodes, new Map(Object.entries(cells)), rule, scale);
      expect(levels(text(cells))).toEqual(nodes.map((n) => tree.get(n.id)?.levelPosition ?? null));
    }
  });
});
