import type { RollupRule, ScaleLevel } from './competency.types';
import { levelFor } from './mastery';

const round2 = (x: number) => Math.round(x * 100) / 100;

/**
 * The roll-up of `treeRollUp` (mastery.ts) compiled for many people at once, as the heatmap needs it: the tree
 * becomes indexes once, and each person's stored leaf cells ("competencyId level points proficient,…", see
 * competency_mastery_rows) are read into reused typed arrays, with no Map or object per person or cell.
 * The returned function gives every node's level position (null: not rated) in `nodes` order.
 * Same rules and the same arithmetic as `rollUp`; mastery.unit.test.ts checks both agree.
 */
export function levelRollUp(nodes: ReadonlyArray<{ id: string; parentId: string | null }>, rule: RollupRule, scale: readonly ScaleLevel[]) {
  const n = nodes.length;
  const index = new Map(nodes.map((node, i) => [node.id, i]));
  const kids: number[][] = nodes.map(() => []);
  nodes.forEach((node, i) => {
    const p = node.parentId === null ? undefined : index.get(node.parentId);
    if (p !== undefined) kids[p]!.push(i);
  });
  const depth = new Int32Array(n).fill(-1);
  const depthOf = (i: number): number => {
    if (depth[i]! < 0) {
      const p = nodes[i]!.parentId === null ? undefined : index.get(nodes[i]!.parentId!);
      depth[i] = p === undefined ? 0 : depthOf(p) + 1;
    }
    return depth[i]!;
  };
  // Parents only, deepest first, so every child is final before its parent is computed.
  const parents = nodes.map((_, i) => i).filter((i) => kids[i]!.length > 0).sort((a, b) => depthOf(b) - depthOf(a));
  const isLeaf = kids.map((k) => k.length === 0);

  const rated = new Uint8Array(n);
  const points = new Float64Array(n);
  const position = new Int32Array(n);
  const proficient = new Uint8Array(n);

  function readCells(cells: string): void {
    for (let start = 0; start < cells.length; ) {
      let end = cells.indexOf(',', start);
      if (end < 0) end = cells.length;
      const a = cells.indexOf(' ', start);
      const b = cells.indexOf(' ', a + 1);
      const c = cells.indexOf(' ', b + 1);
      const i = index.get(cells.slice(start, a));
      // Cells of competencies the cohort no longer uses, or of parents, are ignored (parents roll up).
      if (i !== undefined && isLeaf[i]) {
        rated[i] = 1;
        position[i] = Number(cells.slice(a + 1, b));
        points[i] = Number(cells.slice(b + 1, c));
        proficient[i] = cells.charCodeAt(c + 1) === 49 ? 1 : 0; // '1'
      }
      start = end + 1;
    }
  }

  function rollParent(i: number): void {
    const children = kids[i]!;
    if (rule === 'all_proficient') {
      let lowest = -1;
      let all = 1;
      for (const k of children) {
        if (!rated[k]) return; // one unrated child: the parent is not rated
        if (lowest < 0 || points[k]! < points[lowest]!) lowest = k;
        all &= proficient[k]!;
      }
      rated[i] = 1;
      points[i] = points[lowest]!;
      position[i] = position[lowest]!;
      proficient[i] = all;
      return;
    }
    let sum = 0;
    let count = 0;
    for (const k of children) {
      if (!rated[k]) continue;
      sum += points[k]!;
      count++;
    }
    if (count === 0) return;
    const score = round2(sum / count);
    const level = levelFor(score, scale);
    rated[i] = 1;
    points[i] = score;
    position[i] = level.position;
    proficient[i] = level.countsAsProficient ? 1 : 0;
  }

  return (cells: string | null): Array<number | null> => {
    rated.fill(0);
    if (cells) readCells(cells);
    for (const i of parents) rollParent(i);
    const levels = new Array<number | null>(n);
    for (let i = 0; i < n; i++) levels[i] = rated[i] ? position[i]! : null;
    return levels;
  };
}
