import { Readable } from 'node:stream';
import { ZipFile } from 'yazl';
import type { AuditEntry } from '../audit/audit.types';
import type { SessionIdentity } from '../lti/session';
import type { AttachmentStorage } from '../attachments/storage/storage';
import type { ExportStore } from './export.store';
import { exportReadme } from './export.readme';

type Row = Record<string, unknown>;

const json = (value: unknown) => Buffer.from(JSON.stringify(value, null, 2) + '\n', 'utf8');
const safeName = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 120) || 'file';

/**
 * Builds a person's export as a ZIP stream: JSON files first (small), then each original file, opened only
 * when the ZIP writer reaches it (addReadStreamLazy), so memory does not grow with the number of files.
 */
export function createExportService(deps: { store: ExportStore; storage: AttachmentStorage; record: (e: AuditEntry) => Promise<void> }) {
  const { store } = deps;
  return {
    async build(session: SessionIdentity): Promise<{ stream: Readable; filename: string }> {
      const u = session.userId;
      const cohorts = await store.cohorts(u);
      const auditions = cohorts.length ? await store.auditionsOf(cohorts.map((c) => String(c.id))) : [];
      const attachments = await store.attachments(u);
      const files: [string, unknown][] = [
        ['profile.json', await store.profile(u)],
        ['memberships.json', await store.memberships(u)],
        ['modules/progress.json', { steps: await store.byUser('step_progress', u), modules: await store.byUser('module_progress', u) }],
        ['modules/responses.json', await store.byUser('step_responses', u)],
        ['modules/survey-answers.json', await store.byUser('survey_responses', u)],
        ['modules/time-on-task.json', await store.byUser('step_time', u)],
        ['pd-hours.json', pdHours(await store.byUser('module_completions', u))],
        ['auditions/submissions.json', await store.byUser('audition_submissions', u, 'author_id')],
        ['auditions/versions.json', await store.versions(u)],
        ['auditions/reviews-given.json', await store.reviewsGiven(u)],
        ['auditions/reviews-received.json', await store.reviewsReceived(u)],
        ['auditions/feedback-ratings-given.json', await store.feedbackRatingsGiven(u)],
        ['auditions/feedback-ratings-received.json', await store.feedbackRatingsReceived(u)],
        ['auditions/calibrations.json', await store.byUser('audition_calibrations', u)],
        ['competencies/evidence.json', await store.byUser('competency_evidence', u)],
        ['competencies/review-requests.json', await store.byUser('competency_review_requests', u)],
        ['competencies/ratings-received.json', await store.byUser('competency_ratings', u)],
        ['competencies/ratings-given.json', await store.competencyRatingsGiven(u)],
        ['competencies/mastery.json', await store.byUser('competency_mastery', u)],
        ['competencies/certificates.json', await store.byUser('competency_certificates', u)],
        ['notifications.json', await store.byUser('notifications', u)],
        ['files.json', attachments.map(({ storage_key: _key, ...a }) => ({ ...a, path: filePath(a) }))],
      ];
      await deps.record({
        action: 'person.data_exported',
        actorKind: 'person',
        actorUserId: u,
        platformId: session.platformId,
        deploymentRowId: session.deploymentId,
        subjectType: 'user',
        subjectId: u,
        details: { files: attachments.length },
      });
      const zip = new ZipFile();
      zip.addBuffer(Buffer.from(exportReadme({ cohorts, auditions, fileCount: attachments.length }), 'utf8'), 'README.txt');
      for (const [name, value] of files) zip.addBuffer(json(value ?? null), name);
      for (const a of attachments) {
        zip.addReadStreamLazy(filePath(a), { compress: false }, (cb) => {
          deps.storage.open(String(a.storage_key)).then(
            // A file gone from storage becomes a note rather than a broken archive.
            (s) => cb(null, s ?? Readable.from([`This file (${String(a.id)}) is no longer in storage.\n`])),
            (err) => cb(err, Readable.from([])),
          );
        });
      }
      zip.end();
      const stream = zip.outputStream as Readable;
      zip.on('error', (err: Error) => stream.destroy(err)); // a storage failure ends the download instead of the process
      return { stream, filename: `staffroom-export-${u}.zip` };
    },
  };
}

function filePath(a: Row): string {
  return `files/${String(a.id)}-${safeName(String(a.filename))}`;
}

function pdHours(completions: Row[]) {
  const minutes = completions.reduce((sum, c) => sum + Number(c.pd_minutes ?? 0), 0);
  return { totalMinutes: minutes, totalHours: Math.round((minutes / 60) * 100) / 100, completions };
}

/** Builds exports. */
export type ExportService = ReturnType<typeof createExportService>;
