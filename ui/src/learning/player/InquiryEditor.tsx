import { Alert, Heading, Text, TextArea, TextInput, View } from '@instructure/ui'
import { INQUIRY_STAGES, type InquiryStage, type OwnResponse, type VisibilityRule } from '../learningTypes'
import { ConflictPanel, PlainText } from './ConflictPanel'
import { SaveStatusText } from './SaveStatusText'
import { loadResponse, saveResponse, type StepRef } from './stepApi'
import { useAutosave } from './useAutosave'
import { VisibilityChoice } from './VisibilityChoice'

/** Props for {@link InquiryEditor}. */
export interface InquiryEditorProps {
  step: StepRef
  rule: VisibilityRule
  response: OwnResponse | null
  flushRef: { current: (() => Promise<boolean>) | null }
  onSaved: () => void
  liveRegion: () => HTMLElement | null
}

type Entries = Record<InquiryStage, { text: string; evidenceUrl: string }>
type Draft = { stages: Entries; visibility: 'private' | 'cohort' }

/** What each stage of the cycle is for, in a teacher's words. */
export const STAGE_LABEL: Record<InquiryStage, { title: string; hint: string }> = {
  plan: { title: 'Plan', hint: 'What will you try, with whom, and for how long?' },
  enquire: { title: 'Enquire', hint: 'What do you notice? Collect a small piece of evidence.' },
  implement: { title: 'Implement', hint: 'What did you keep, drop or adjust as you went?' },
  review: { title: 'Review', hint: 'What did you learn, and what comes next?' }
}

const isLink = (v: string) => /^https?:\/\/\S+$/i.test(v.trim())

function entriesOf(r: OwnResponse | null): Entries {
  const stages = r && 'stages' in r.body ? r.body.stages : null
  return Object.fromEntries(
    INQUIRY_STAGES.map((s) => [s, { text: stages?.[s]?.text ?? '', evidenceUrl: stages?.[s]?.evidenceUrl ?? '' }])
  ) as Entries
}

/** The inquiry cycle: an entry (and an optional evidence link) for plan, enquire, implement and review. */
export function InquiryEditor({ step, rule, response, flushRef, onSaved, liveRegion }: InquiryEditorProps) {
  const save = useAutosave<Draft>({
    initial: { stages: entriesOf(response), visibility: response?.visibility ?? (rule === 'cohort' ? 'cohort' : 'private') },
    initialRevision: response?.revision ?? 0,
    save: async (d, revision) => {
      // A half-typed link is kept on screen and sent once it is a full http(s) address.
      const stages = Object.fromEntries(
        INQUIRY_STAGES.map((s) => [s, { text: d.stages[s].text, evidenceUrl: isLink(d.stages[s].evidenceUrl) ? d.stages[s].evidenceUrl.trim() : null }])
      )
      const saved = await saveResponse(step, { stages }, d.visibility, revision)
      onSaved()
      return saved.revision
    },
    loadCurrent: async () => {
      const r = await loadResponse(step)
      return r && { value: { stages: entriesOf(r), visibility: r.visibility }, revision: r.revision }
    }
  })
  flushRef.current = save.flush
  const setStage = (s: InquiryStage, patch: Partial<Entries[InquiryStage]>) =>
    save.setValue({ ...save.value, stages: { ...save.value.stages, [s]: { ...save.value.stages[s], ...patch } } })

  return (
    <View as="div" display="block" margin="medium 0">
      <Heading level="h3" variant="titleCardRegular" margin="0 0 x-small">
        Your inquiry cycle
      </Heading>
      <Text as="p" size="small" color="secondary">
        Fill in each stage as you get to it. Everything saves automatically.
      </Text>
      {INQUIRY_STAGES.map((s, i) => {
        const url = save.value.stages[s].evidenceUrl
        return (
          <View key={s} as="div" display="block" margin="small 0" padding="small" borderWidth="small" borderRadius="medium">
            <TextArea
              label={`${i + 1}. ${STAGE_LABEL[s].title}: ${STAGE_LABEL[s].hint}`}
              value={save.value.stages[s].text}
              onChange={(e) => setStage(s, { text: e.target.value })}
              height="6rem"
              autoGrow
              resize="vertical"
            />
            <TextInput
              renderLabel={`Evidence link for ${STAGE_LABEL[s].title} (optional)`}
              type="url"
              value={url}
              onChange={(_e, v) => setStage(s, { evidenceUrl: v })}
              messages={url.trim() && !isLink(url) ? [{ type: 'hint', text: 'The link is saved once it starts with https:// or http://' }] : []}
              margin="small 0 0"
            />
          </View>
        )
      })}
      <SaveStatusText status={save.status} />
      <VisibilityChoice rule={rule} value={save.value.visibility} onChange={(visibility) => save.setValue({ ...save.value, visibility })} what="inquiry notes" />
      {save.status === 'error' && save.error && (
        <Alert variant="error" liveRegion={liveRegion} transition="none" hasShadow={false} margin="small 0">
          {save.error} Your words are still here and will be saved with your next change.
        </Alert>
      )}
      {save.conflict && (
        <ConflictPanel
          mine={INQUIRY_STAGES.map((s) => (
            <View key={s} as="div" display="block">
              <Text weight="bold">{STAGE_LABEL[s].title}</Text>
              <PlainText text={save.value.stages[s].text} />
            </View>
          ))}
          theirs={INQUIRY_STAGES.map((s) => (
            <View key={s} as="div" display="block">
              <Text weight="bold">{STAGE_LABEL[s].title}</Text>
              <PlainText text={save.conflict!.value.stages[s].text} />
            </View>
          ))}
          onKeepMine={save.keepMine}
          onTakeTheirs={save.takeTheirs}
          liveRegion={liveRegion}
        />
      )}
    </View>
  )
}
