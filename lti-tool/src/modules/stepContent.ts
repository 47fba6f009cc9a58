import { renderMarkdown, videoEmbedFor, type VideoEmbed } from './content.render';
import { stepContentInput, type StepKind } from './modules.schema';

/** Who may see written responses to a step. */
export type VisibilityRule = 'private' | 'cohort' | 'choice';

/** Stored content per kind: each Markdown source is kept with the sanitised HTML rendered from it on write. */
export interface StepContentByKind {
  read: { markdown: string; html: string; videos: VideoEmbed[] };
  reflect: { prompt: string; promptHtml: string; visibility: VisibilityRule };
  audition: { auditionId: string | null; instructions: string; instructionsHtml: string };
  checkpoint: { date: string | null; linkUrl: string | null; mode: 'live' | 'async'; agenda: string; agendaHtml: string };
  inquiry: { question: string; questionHtml: string; visibility: VisibilityRule };
  survey: { intro: string; introHtml: string };
}

/** Stored content of some step. */
export type StepContent = StepContentByKind[StepKind];

/** A field the editor got wrong, named as the API reports it. */
export interface FieldIssue {
  field: string;
  message: string;
}

/** Validates editor input for a kind and renders its Markdown; issues name fields under `content.`. */
export function prepareStepContent(kind: StepKind, raw: unknown): { ok: true; content: StepContent } | { ok: false; issues: FieldIssue[] } {
  const parsed = stepContentInput[kind].safeParse(raw ?? {});
  if (!parsed.success) {
    return { ok: false, issues: parsed.error.issues.map((i) => ({ field: ['content', ...i.path.map(String)].join('.'), message: i.message })) };
  }
  return { ok: true, content: render(kind, parsed.data) };
}

function render(kind: StepKind, input: unknown): StepContent {
  switch (kind) {
    case 'read': {
      const c = input as { markdown: string; videos: string[] };
      return { markdown: c.markdown, html: renderMarkdown(c.markdown), videos: c.videos.map((v) => videoEmbedFor(v)!) };
    }
    case 'reflect': {
      const c = input as { prompt: string; visibility: VisibilityRule };
      return { prompt: c.prompt, promptHtml: renderMarkdown(c.prompt), visibility: c.visibility };
    }
    case 'audition': {
      const c = input as { auditionId: string | null; instructions: string };
      return { auditionId: c.auditionId, instructions: c.instructions, instructionsHtml: renderMarkdown(c.instructions) };
    }
    case 'checkpoint': {
      const c = input as { date: string | null; linkUrl: string | null; mode: 'live' | 'async'; agenda: string };
      return { date: c.date, linkUrl: c.linkUrl, mode: c.mode, agenda: c.agenda, agendaHtml: renderMarkdown(c.agenda) };
    }
    case 'inquiry': {
      const c = input as { question: string; visibility: VisibilityRule };
      return { question: c.question, questionHtml: renderMarkdown(c.question), visibility: c.visibility };
    }
    case 'survey': {
      const c = input as { intro: string };
      return { intro: c.intro, introHtml: renderMarkdown(c.intro) };
    }
  }
}

/** The editable (source) form of stored content: what an editor sends back to change a step. */
export function contentSource(kind: StepKind, content: StepContent): Record<string, unknown> {
  switch (kind) {
    case 'read': {
      const c = content as StepContentByKind['read'];
      return { markdown: c.markdown, videos: c.videos.map((v) => v.watchUrl) };
    }
    case 'reflect': {
      const c = content as StepContentByKind['reflect'];
      return { prompt: c.prompt, visibility: c.visibility };
    }
    case 'audition': {
      const c = content as StepContentByKind['audition'];
      return { auditionId: c.auditionId, instructions: c.instructions };
    }
    case 'checkpoint': {
      const c = content as StepContentByKind['checkpoint'];
      return { date: c.date, linkUrl: c.linkUrl, mode: c.mode, agenda: c.agenda };
    }
    case 'inquiry': {
      const c = content as StepContentByKind['inquiry'];
      return { question: c.question, visibility: c.visibility };
    }
    case 'survey':
      return { intro: (content as StepContentByKind['survey']).intro };
  }
}

/** The visibility rule for responses to a step, or null when the kind takes no personal response. */
export function responseRule(kind: StepKind, content: StepContent): VisibilityRule | null {
  if (kind === 'reflect' || kind === 'inquiry') return (content as { visibility: VisibilityRule }).visibility;
  return null;
}
