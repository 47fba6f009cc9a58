import type { StepKind } from './modules.schema';
import { INQUIRY_STAGES } from './modules.schema';
import type { ModuleRecord, StepRecord, VersionRecord } from './modules.types';
import { contentSource, type StepContent, type StepContentByKind } from './stepContent';

/** What the player shows for a step: rendered, sanitised HTML and safe embed descriptors only. */
export function displayOf(kind: StepKind, content: StepContent): Record<string, unknown> {
  switch (kind) {
    case 'read': {
      const c = content as StepContentByKind['read'];
      return { html: c.html, videos: c.videos };
    }
    case 'reflect': {
      const c = content as StepContentByKind['reflect'];
      return { promptHtml: c.promptHtml, visibility: c.visibility };
    }
    case 'audition': {
      const c = content as StepContentByKind['audition'];
      return { auditionId: c.auditionId, instructionsHtml: c.instructionsHtml };
    }
    case 'checkpoint': {
      const c = content as StepContentByKind['checkpoint'];
      return { date: c.date, linkUrl: c.linkUrl, mode: c.mode, agendaHtml: c.agendaHtml };
    }
    case 'inquiry': {
      const c = content as StepContentByKind['inquiry'];
      return { questionHtml: c.questionHtml, visibility: c.visibility, stages: INQUIRY_STAGES };
    }
    case 'survey':
      return { introHtml: (content as StepContentByKind['survey']).introHtml };
  }
}

/** A step as the editor sees it: `content` is the source to send back; `display` is what teachers will see. */
export const presentEditorStep = (s: StepRecord) => ({
  stepId: s.stepId,
  position: s.position,
  kind: s.kind,
  title: s.title,
  estimatedMinutes: s.estimatedMinutes,
  content: contentSource(s.kind, s.content),
  display: displayOf(s.kind, s.content),
});

/** A module's draft (or, before the first edit, the published version it will start from). */
export function presentDraft(m: ModuleRecord, draft: VersionRecord | null, base: VersionRecord | null, steps: StepRecord[]) {
  const v = draft ?? base;
  return {
    moduleId: m.id,
    versionId: draft?.id ?? null,
    number: draft?.number ?? null,
    basedOnVersion: base?.number ?? null,
    hasUnpublishedChanges: draft !== null,
    title: v?.title ?? m.title,
    summary: v?.summary ?? m.summary,
    pdMinutes: v?.pdMinutes ?? m.pdMinutes,
    unlockRule: v?.unlockRule ?? m.unlockRule,
    estimatedMinutes: steps.reduce((sum, s) => sum + s.estimatedMinutes, 0),
    steps: steps.map(presentEditorStep),
    updatedAt: (draft ?? base)?.updatedAt.toISOString() ?? null,
  };
}

/** A module in the cohort's outline; drafts appear only for those who may edit. */
export function presentOutlineModule(m: ModuleRecord, published: VersionRecord | null, draft: VersionRecord | null, canEdit: boolean) {
  return {
    id: m.id,
    position: m.position,
    title: m.title,
    summary: m.summary,
    pdMinutes: m.pdMinutes,
    unlockRule: m.unlockRule,
    reportsToGradebook: m.reportsToGradebook,
    archived: m.archivedAt !== null,
    published: published ? { versionId: published.id, number: published.number, publishedAt: published.publishedAt?.toISOString() ?? null } : null,
    draft: canEdit && draft ? { versionId: draft.id, number: draft.number, title: draft.title, updatedAt: draft.updatedAt.toISOString() } : null,
    canEdit,
  };
}
