import type { Framework, FrameworkTree } from './competency.types';

/** A framework in a list. */
export const presentFrameworkSummary = (f: Framework & { competencyCount: number }) => ({
  id: f.id,
  title: f.title,
  description: f.description,
  builtIn: f.ownerContextId === null,
  competencyCount: f.competencyCount,
  sourceFrameworkId: f.sourceFrameworkId,
  updatedAt: f.updatedAt.toISOString(),
});

/** A whole framework: scale and tree (parents before children). */
export const presentFramework = (f: FrameworkTree) => ({
  id: f.id,
  title: f.title,
  description: f.description,
  builtIn: f.ownerContextId === null,
  caseIdentifier: f.caseIdentifier,
  sourceFrameworkId: f.sourceFrameworkId,
  createdAt: f.createdAt.toISOString(),
  updatedAt: f.updatedAt.toISOString(),
  scale: f.scale,
  competencies: f.competencies.map(({ frameworkId: _f, caseIdentifier: _c, ...c }) => c),
});
