import { renderMarkdown } from './content.render';
import { INQUIRY_STAGES, responseBodyInput, type InquiryStage } from './modules.schema';
import type { StepResponse } from './responses.store';
import type { FieldIssue } from './stepContent';

/** A stored inquiry stage: the author's text, its sanitised HTML and an optional evidence link. */
export interface StoredStage {
  text: string;
  html: string;
  evidenceUrl: string | null;
}

/** Stored bodies: the author's text is kept verbatim (never lose text) next to the sanitised HTML rendered from it. */
export type StoredBody = { text: string; html: string } | { stages: Record<InquiryStage, StoredStage> };

/** Validates a response body for a reflect or inquiry step and renders it; issues name fields under `body.`. */
export function prepareResponseBody(kind: 'reflect' | 'inquiry', raw: unknown): { ok: true; body: StoredBody } | { ok: false; issues: FieldIssue[] } {
  const parsed = responseBodyInput[kind].safeParse(raw ?? {});
  if (!parsed.success) return { ok: false, issues: parsed.error.issues.map((i) => ({ field: ['body', ...i.path.map(String)].join('.'), message: i.message })) };
  if (kind === 'reflect') {
    const { text } = parsed.data as { text: string };
    return { ok: true, body: { text, html: renderMarkdown(text) } };
  }
  const { stages } = parsed.data as { stages: Partial<Record<InquiryStage, { text: string; evidenceUrl: string | null }>> };
  const stored = Object.fromEntries(
    INQUIRY_STAGES.map((stage) => {
      const entry = stages[stage] ?? { text: '', evidenceUrl: null };
      return [stage, { text: entry.text, html: renderMarkdown(entry.text), evidenceUrl: entry.evidenceUrl }];
    }),
  ) as Record<InquiryStage, StoredStage>;
  return { ok: true, body: { stages: stored } };
}

/** A checkpoint's "what we agreed" record as stored. */
export const prepareAgreement = (text: string): { text: string; html: string } => ({ text, html: renderMarkdown(text) });

/** The author's own response: source text (for the editor) and HTML. */
export const presentOwnResponse = (r: StepResponse) => ({ id: r.id, visibility: r.visibility, revision: r.revision, body: r.body, updatedAt: r.updatedAt.toISOString() });

/** Someone else's shared response: rendered HTML and evidence links only. */
export function presentSharedResponse(r: StepResponse, viewerId: string) {
  const body = r.body as Partial<{ html: string; stages: Record<string, StoredStage> }>;
  const shown = body.stages
    ? { stages: Object.fromEntries(Object.entries(body.stages).map(([k, s]) => [k, { html: s.html, evidenceUrl: s.evidenceUrl }])) }
    : { html: body.html ?? '' };
  return { id: r.id, author: { id: r.userId, name: r.authorName }, mine: r.userId === viewerId, kind: r.kind, body: shown, createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString() };
}

/** A checkpoint record: its text, HTML, revision and who last edited it. */
export function presentAgreement(r: StepResponse) {
  const body = r.body as { text?: string; html?: string };
  return { text: body.text ?? '', html: body.html ?? '', revision: r.revision, updatedAt: r.updatedAt.toISOString(), editedBy: { id: r.userId, name: r.authorName } };
}
