import type { StepKind } from './types'

/** Each step kind in the editor's words, with what it is for. */
export const STEP_KINDS: readonly { kind: StepKind; label: string; hint: string }[] = [
  { kind: 'read', label: 'Read or watch', hint: 'Text in Markdown, with optional YouTube or Vimeo videos.' },
  { kind: 'reflect', label: 'Reflect', hint: 'A prompt each person answers in writing.' },
  { kind: 'audition', label: 'Audition', hint: 'Share a lesson plan or artifact for structured peer feedback.' },
  { kind: 'checkpoint', label: 'Checkpoint', hint: 'A team meeting, live or asynchronous, with an agenda.' },
  { kind: 'inquiry', label: 'Inquiry cycle', hint: 'A question, then plan, enquire, implement and review.' },
  { kind: 'survey', label: 'End-of-module survey', hint: 'Was it useful? Relevant? What should change? Answers are private; you see totals.' }
]

/** The editor's name for a step kind. */
export const kindLabel = (kind: StepKind): string => STEP_KINDS.find((k) => k.kind === kind)?.label ?? kind

/** The editable content of a step, one text value per form field (videos one address a line). */
export interface StepFormValues {
  title: string
  estimatedMinutes: string
  markdown: string
  videos: string
  prompt: string
  visibility: string
  instructions: string
  auditionId: string | null
  date: string
  linkUrl: string
  mode: string
  agenda: string
  question: string
  intro: string
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '')

/** Form values from a step's content source (or a new step's defaults). */
export function formValues(kind: StepKind, step?: { title: string; estimatedMinutes: number; content: Record<string, unknown> }): StepFormValues {
  const c = step?.content ?? {}
  return {
    title: step?.title ?? '',
    estimatedMinutes: String(step?.estimatedMinutes ?? 10),
    markdown: str(c.markdown),
    videos: Array.isArray(c.videos) ? c.videos.filter((v) => typeof v === 'string').join('\n') : '',
    prompt: str(c.prompt),
    visibility: str(c.visibility) || (kind === 'inquiry' ? 'cohort' : 'choice'),
    instructions: str(c.instructions),
    auditionId: typeof c.auditionId === 'string' ? c.auditionId : null,
    date: str(c.date),
    linkUrl: str(c.linkUrl),
    mode: str(c.mode) || 'live',
    agenda: str(c.agenda),
    question: str(c.question),
    intro: str(c.intro)
  }
}

/** The `content` the API takes for a kind, from the form values. */
export function contentOf(kind: StepKind, v: StepFormValues): Record<string, unknown> {
  switch (kind) {
    case 'read':
      return { markdown: v.markdown, videos: v.videos.split('\n').map((s) => s.trim()).filter(Boolean) }
    case 'reflect':
      return { prompt: v.prompt, visibility: v.visibility }
    case 'audition':
      return { auditionId: v.auditionId, instructions: v.instructions }
    case 'checkpoint':
      return { date: v.date.trim() || null, linkUrl: v.linkUrl.trim() || null, mode: v.mode, agenda: v.agenda }
    case 'inquiry':
      return { question: v.question, visibility: v.visibility }
    case 'survey':
      return { intro: v.intro }
  }
}

/** The form field a server field name belongs to (`content.videos.2` → `videos`). */
export function formFieldOf(apiField: string): string {
  const [first, second] = apiField.split('.')
  return first === 'content' && second ? second : (first ?? apiField)
}
