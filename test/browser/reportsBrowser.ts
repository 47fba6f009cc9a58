import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { Page } from 'playwright-core';
import { sandboxMoves } from '../helpers/browser';
import { sandboxSession } from '../helpers/courseFlow';
import { demoCohort } from '../helpers/demoCourse';
import { api } from '../helpers/ltiFlow';
import { startTestTool, type TestTool } from '../helpers/testTool';
import { call, publishModule, type Who } from '../modules/moduleFlow';
import { eventually } from '../roster/rosterFlow';

const OPERATOR_TOKEN = 'reports-browser-operator-token-0123456789abcdef';
/** The seeded cohort's title (from the "Learning visits" template). */
export const COHORT_TITLE = 'Learning visits 2026–27';
/** The seeded module Sam Okafor completes. */
export const MODULE_TITLE = 'Reports check-in';
/** The seeded module's PD minutes. */
export const PD_MINUTES = 90;
/** Sam's end-of-module survey suggestion. */
export const SUGGESTION = 'More time to plan with my team';
/** Audit events of the seeded world: more than one page (25) of the audit log. */
export const EXTRA_DEPLOYMENTS = 27;

/** "1.5 hours", as the screens write PD hours. */
export const hours = (minutes: number) => `${Math.round((minutes / 60) * 100) / 100} ${minutes === 60 ? 'hour' : 'hours'}`;

/** A tool seeded for the reports screens, and what the tests check against. */
export interface ReportsWorld {
  tool: TestTool;
  cohortId: string;
  /** Sam Okafor, who completed the module and answered the survey. */
  teacher: Who;
  /** Deployments the operator added (audit events), oldest first; empty unless asked for. */
  deploymentIds: string[];
}

/**
 * Starts a tool on the sandbox's demo course with a cohort whose module Sam Okafor completed (PD time, a survey
 * answer); with `auditEvents`, the operator also adds {@link EXTRA_DEPLOYMENTS} deployments to the registration.
 */
export async function startReportsWorld(o: { auditEvents: boolean }): Promise<ReportsWorld> {
  const tool = await startTestTool({ OPERATOR_TOKEN });

  // The admin's first launch queues the demo course's roster sync: let it finish so the people are stable.
  const admin = await sandboxSession(tool, 'admin');
  await eventually(async () => (await call(tool, 'GET', '/api/roster/syncs/latest', admin)).body.sync?.status === 'succeeded', 60_000, 'first roster sync');

  // A cohort from the "Learning visits" template, plus a short module of the admin's own.
  const cohortId = await demoCohort(tool, admin, COHORT_TITLE, 'learning-visits');
  const mod = await publishModule(tool, admin, cohortId, {
    title: MODULE_TITLE,
    pdMinutes: PD_MINUTES,
    steps: [
      { kind: 'read', title: 'Read the brief', estimatedMinutes: 10, content: { markdown: 'What the **data** says.' } },
      { kind: 'read', title: 'Watch the clip', estimatedMinutes: 10, content: { markdown: 'A short clip.' } },
    ],
  });

  // Sam Okafor (a teacher) completes the module: its PD time is credited.
  const teacher = await sandboxSession(tool, 'teacher-1');
  for (const stepId of mod.stepIds) {
    const done = await call(tool, 'PUT', `/api/cohorts/${cohortId}/modules/${mod.moduleId}/steps/${stepId}/progress`, teacher, { status: 'complete' });
    expect(done.status).toBe(200);
  }
  // Sam's end-of-module survey answer (the survey step's own flow is tested with the player).
  await tool.db('survey_responses').insert({ user_id: teacher.userId, step_id: randomUUID(), cohort_id: cohortId, module_id: mod.moduleId, useful: 4, relevant: 3, suggestion: SUGGESTION });

  const deploymentIds = o.auditEvents ? await addDeployments(tool) : [];
  return { tool, cohortId, teacher, deploymentIds };
}

/** Audit events: the operator adds deployments to the sandbox's registration (the admin's platform). */
async function addDeployments(tool: TestTool): Promise<string[]> {
  const platforms = await api(tool, '/api/operator/platforms', OPERATOR_TOKEN);
  const sandbox = ((await platforms.json()) as { platforms: { id: string; issuer: string }[] }).platforms.find((p) => p.issuer === tool.services.sandbox!.identity.issuer)!;
  const deploymentIds = Array.from({ length: EXTRA_DEPLOYMENTS }, (_, i) => `reports-deployment-${i + 1}`);
  for (const deploymentId of deploymentIds) {
    const res = await api(tool, `/api/operator/platforms/${sandbox.id}/deployments`, OPERATOR_TOKEN, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ deploymentId }) });
    expect(res.status).toBe(201);
  }
  return deploymentIds;
}

/**
 * The sandbox moves ({@link sandboxMoves}) and a CSV download, for a reports test. Page and tool are read when a
 * move runs, so one set serves every test of a file (each test has its own page).
 */
export function reportsMoves(page: () => Page, tool: () => TestTool) {
  return {
    ...sandboxMoves(page, () => tool().url),
    /** Does what starts a download (a click, a key press) and reads the CSV file the browser saves. */
    async downloadCsv(start: () => Promise<void>): Promise<{ filename: string; rows: Record<string, string>[] }> {
      const download = page().waitForEvent('download');
      await start();
      const file = await download;
      const rows = parse(fs.readFileSync((await file.path())!, 'utf8'), { columns: true }) as Record<string, string>[];
      return { filename: file.suggestedFilename(), rows };
    },
  };
}
