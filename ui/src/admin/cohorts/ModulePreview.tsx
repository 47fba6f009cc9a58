import { Button, CloseButton, Heading, Link, List, Modal, Text, View } from '@instructure/ui'
import { formatDay, formatMinutes } from './format'
import { kindLabel } from './stepKinds'
import type { ModulePreview as Preview, PlayerStep } from './types'

/** Props for {@link ModulePreviewModal}. */
export interface ModulePreviewModalProps {
  preview: Preview | null
  onClose: () => void
}

const VISIBILITY_WORDS = { private: 'Responses are private.', cohort: 'Responses are shared with the cohort.', choice: 'Each person chooses whether to share their response.' } as const

/** "Preview as a teacher": the draft as staff will see it, rendered from the sanitised HTML the server gives. */
export function ModulePreviewModal({ preview, onClose }: ModulePreviewModalProps) {
  return (
    <Modal open={preview !== null} onDismiss={onClose} size="large" label="Preview as a teacher">
      <Modal.Header>
        <CloseButton placement="end" offset="small" onClick={onClose} screenReaderLabel="Close the preview" />
        <Heading level="h2">Preview as a teacher</Heading>
      </Modal.Header>
      <Modal.Body>
        {preview && (
          <View as="div" display="block">
            <Text as="p" color="secondary">
              This is the draft. Staff see it only after you publish.
            </Text>
            <Heading level="h3" variant="titleModule" margin="small 0 x-small">
              {preview.module.title}
            </Heading>
            {preview.module.summary && <Text as="p">{preview.module.summary}</Text>}
            <Text as="p" size="small">
              {preview.steps.length} {preview.steps.length === 1 ? 'step' : 'steps'}, about {formatMinutes(preview.module.estimatedMinutes)}
            </Text>
            <List isUnstyled itemSpacing="medium" margin="0">
              {preview.steps.map((s, i) => (
                <List.Item key={s.stepId}>
                  <PreviewStep step={s} number={i + 1} />
                </List.Item>
              ))}
            </List>
          </View>
        )}
      </Modal.Body>
      <Modal.Footer>
        <Button onClick={onClose}>Close preview</Button>
      </Modal.Footer>
    </Modal>
  )
}

function PreviewStep({ step: s, number }: { step: PlayerStep; number: number }) {
  const d = s.display
  const html = d.html ?? d.promptHtml ?? d.instructionsHtml ?? d.questionHtml ?? d.agendaHtml ?? d.introHtml ?? ''
  return (
    <View as="section" display="block" padding="small" borderWidth="small" borderRadius="medium" aria-label={`Step ${number}: ${s.title}`}>
      <Heading level="h4" variant="titleCardRegular">
        {number}. {s.title}
      </Heading>
      <Text as="div" size="small" color="secondary">
        {kindLabel(s.kind)} · about {formatMinutes(s.estimatedMinutes)}
      </Text>
      {s.kind === 'checkpoint' && (
        <Text as="p">
          {d.mode === 'async' ? 'Asynchronous meeting' : 'Live meeting'}
          {d.date ? `, ${formatDay(d.date)}` : ''}
          {d.linkUrl && (
            <>
              {' · '}
              <Link href={d.linkUrl} target="_blank">
                Meeting link
              </Link>
            </>
          )}
        </Text>
      )}
      {/* The server renders the Markdown and sanitises the HTML; it is the same HTML staff get. */}
      {html && <div className="staffroom-step-html" dangerouslySetInnerHTML={{ __html: html }} />}
      {d.videos?.map((v) => (
        <Text as="p" key={v.watchUrl}>
          <Link href={v.watchUrl} target="_blank">
            Watch the video on {v.provider === 'vimeo' ? 'Vimeo' : 'YouTube'}
          </Link>
        </Text>
      ))}
      {d.visibility && (s.kind === 'reflect' || s.kind === 'inquiry') && <Text as="p" size="small">{VISIBILITY_WORDS[d.visibility]}</Text>}
      {s.kind === 'inquiry' && <Text as="p" size="small">Stages: plan, enquire, implement, review.</Text>}
      {s.kind === 'survey' && (
        <Text as="p" size="small">
          Asks: Was this useful? (1–4) Was it relevant to your work? (1–4) What should change? (optional). Answers are private; you see totals.
        </Text>
      )}
    </View>
  )
}
