import { Alert, Heading, Text, TextArea, View } from '@instructure/ui'
import type { OwnResponse, VisibilityRule } from '../learningTypes'
import { ConflictPanel, PlainText } from './ConflictPanel'
import { SaveStatusText } from './SaveStatusText'
import { loadResponse, saveResponse, type StepRef } from './stepApi'
import { useAutosave } from './useAutosave'
import { VisibilityChoice } from './VisibilityChoice'

/** Props for {@link ReflectionEditor}. */
export interface ReflectionEditorProps {
  step: StepRef
  rule: VisibilityRule
  response: OwnResponse | null
  /** Receives the editor's flush, so "Mark complete" saves pending words first. */
  flushRef: { current: (() => Promise<boolean>) | null }
  onSaved: () => void
  liveRegion: () => HTMLElement | null
}

type Draft = { text: string; visibility: 'private' | 'cohort' }

const textOf = (r: OwnResponse | null): string => (r && 'text' in r.body ? r.body.text : '')
const fallbackVisibility = (rule: VisibilityRule): 'private' | 'cohort' => (rule === 'cohort' ? 'cohort' : 'private')

/** The teacher's written reflection, autosaved as they type. */
export function ReflectionEditor({ step, rule, response, flushRef, onSaved, liveRegion }: ReflectionEditorProps) {
  const save = useAutosave<Draft>({
    initial: { text: textOf(response), visibility: response?.visibility ?? fallbackVisibility(rule) },
    initialRevision: response?.revision ?? 0,
    save: async (d, revision) => {
      const saved = await saveResponse(step, { text: d.text }, d.visibility, revision)
      onSaved()
      return saved.revision
    },
    loadCurrent: async () => {
      const r = await loadResponse(step)
      return r && { value: { text: textOf(r), visibility: r.visibility }, revision: r.revision }
    }
  })
  flushRef.current = save.flush

  return (
    <View as="div" display="block" margin="medium 0">
      <Heading level="h3" variant="titleCardRegular" margin="0 0 x-small">
        Your turn to write
      </Heading>
      <Text as="p" size="small" color="secondary">
        Your words save automatically as you type.
      </Text>
      <TextArea
        label="Your reflection"
        value={save.value.text}
        onChange={(e) => save.setValue({ ...save.value, text: e.target.value })}
        height="10rem"
        autoGrow
        resize="vertical"
        maxHeight="30rem"
      />
      <SaveStatusText status={save.status} />
      <VisibilityChoice rule={rule} value={save.value.visibility} onChange={(visibility) => save.setValue({ ...save.value, visibility })} what="reflection" />
      {save.status === 'error' && save.error && (
        <Alert variant="error" liveRegion={liveRegion} transition="none" hasShadow={false} margin="small 0">
          {save.error} Keep this page open; your words are still here and will be saved with your next change.
        </Alert>
      )}
      {save.conflict && (
        <ConflictPanel
          mine={<PlainText text={save.value.text} />}
          theirs={<PlainText text={save.conflict.value.text} />}
          onKeepMine={save.keepMine}
          onTakeTheirs={save.takeTheirs}
          liveRegion={liveRegion}
        />
      )}
    </View>
  )
}
