import type { ScaleLevel } from './competency.types';

/** The scale a framework gets unless an admin defines their own. */
export const DEFAULT_SCALE: readonly ScaleLevel[] = [
  { position: 0, label: 'Beginning', points: 1, countsAsProficient: false, description: 'Starting to try the practice, with support.' },
  { position: 1, label: 'Developing', points: 2, countsAsProficient: false, description: 'Uses the practice sometimes; results are uneven.' },
  { position: 2, label: 'Proficient', points: 3, countsAsProficient: true, description: 'Uses the practice consistently and effectively on their own.' },
  { position: 3, label: 'Exemplary', points: 4, countsAsProficient: true, description: 'Models the practice and helps colleagues develop it.' },
];

/** The highest points of a scale (the score maximum in the gradebook). */
export const maxPoints = (scale: readonly ScaleLevel[]): number => Math.max(...scale.map((l) => l.points));
