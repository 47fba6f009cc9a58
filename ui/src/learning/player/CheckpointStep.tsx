import { Alert, Heading, Link, Text, TextArea, View } from '@instructure/ui'
import { formatDate } from '../format'
import type { Agreement, PlayerStep } from '../learningTypes'
import { SafeHtml } from '../SafeHtml'
import { ConflictPanel, PlainText } from './ConflictPanel'
import { SaveStatusText } from './SaveStatusText'
import { loadAgreement, saveAgreement, type StepRef } from './stepApi'
import { useAutosave } from './useAutosave'

type Checkpoint = Extract<PlayerStep, { kind: 'checkpoint' }>

/** Props for {@link CheckpointStep}. */
export interface CheckpointStepProps {
  step: StepRef
  checkpoint: Checkpoint
  /** Admins, leads and the module's facilitators keep the record; everyone else reads it. */
  canKeepRecords: boolean
  flushRef: { current: (() => Promise<boolean>) | null }
  liveRegion: () => HTMLElement | null
}

function AgreementEditor({ step, agreement, flushRef, liveRegion }: { step: StepRef; agreement: Agreement | null } & Pick<CheckpointStepProps, 'flushRef' | 'liveRegion'>) {
  const save = useAutosave<string>({
    initial: agreement?.text ?? '',
    initialRevision: agreement?.revision ?? 0,
    save: async (text, revision) => (await saveAgreement(step, text, revision)).revision,
    loadCurrent: async () => {
      const a = await loadAgreement(step)
      return a && { value: a.text, revision: a.revision }
    }
  })
  flushRef.current = save.flush
  return (
    <>
      <TextArea label="What we agreed (you keep this record for the team)" value={save.value} onChange={(e) => save.setValue(e.target.value)} height="8rem" autoGrow resize="vertical" />
      <SaveStatusText status={save.status} />
      {save.status === 'error' && save.error && (
        <Alert variant="error" liveRegion={liveRegion} transition="none" hasShadow={false} margin="small 0">
          {save.error}
        </Alert>
      )}
      {save.conflict && (
        <ConflictPanel
          mine={<PlainText text={save.value} />}
          theirs={<PlainText text={save.conflict.value} />}
          onKeepMine={save.keepMine}
          onTakeTheirs={save.takeTheirs}
          liveRegion={liveRegion}
        />
      )}
    </>
  )
}

/** A team checkpoint: when and where to meet, the agenda, and the "what we agreed" record. */
export function CheckpointStep({ step, checkpoint: c, canKeepRecords, flushRef, liveRegion }: CheckpointStepProps) {
  const d = c.display
  return (
    <>
      <Text as="p">
        {d.mode === 'live' ? 'A meeting with your team' : 'A check-in with your team, in your own time'}
        {d.date ? `, on ${formatDate(d.date)}.` : '. Your lead will share the date.'}
      </Text>
      {d.linkUrl && /^https?:\/\//i.test(d.linkUrl) && (
        <Text as="p">
          <Link href={d.linkUrl} target="_blank" rel="noopener noreferrer">
            Join or open the meeting (opens in a new tab)
          </Link>
        </Text>
      )}
      {d.agendaHtml && (
        <>
          <Heading level="h3" variant="titleCardRegular" margin="small 0 x-small">
            Agenda
          </Heading>
          <SafeHtml html={d.agendaHtml} />
        </>
      )}
      <View as="div" display="block" margin="medium 0">
        <Heading level="h3" variant="titleCardRegular" margin="0 0 x-small">
          What we agreed
        </Heading>
        {canKeepRecords ? (
          <AgreementEditor step={step} agreement={c.agreement} flushRef={flushRef} liveRegion={liveRegion} />
        ) : c.agreement?.html ? (
          <>
            <SafeHtml html={c.agreement.html} />
            <Text as="p" size="small" color="secondary">
              Recorded by {c.agreement.editedBy.name ?? 'your lead'} on {formatDate(c.agreement.updatedAt, true)}.
            </Text>
          </>
        ) : (
          <Text as="p" color="secondary">
            Nothing recorded yet. After the meeting, your lead writes down what the team agreed, and it will appear here.
          </Text>
        )}
      </View>
    </>
  )
}
