import { useState } from 'react'
import { Button, Flex, Heading, List, ScreenReaderContent, Text, View } from '@instructure/ui'
import { ConfirmModal } from './ConfirmModal'
import { useFocusReturn } from './focus'
import { formatMinutes } from './format'
import { ReorderButtons, type Direction } from './ReorderButtons'
import { StepForm, type StepInput } from './StepForm'
import { kindLabel } from './stepKinds'
import type { DraftStep } from './types'

/** Props for {@link StepList}. */
export interface StepListProps {
  steps: DraftStep[]
  onEdit: (stepId: string, input: StepInput) => Promise<void>
  onMove: (index: number, direction: Direction) => void
  onDelete: (step: DraftStep) => Promise<void>
  /** The step whose move button should get focus back after it moved. */
  focus: { id: string; direction: Direction } | null
  liveRegion: () => HTMLElement | null
}

/** The draft's steps in order: edit one in place, move it up or down, or delete it after confirming. */
export function StepList({ steps, onEdit, onMove, onDelete, focus, liveRegion }: StepListProps) {
  const [deleting, setDeleting] = useState<DraftStep | null>(null)
  const [busy, setBusy] = useState(false)

  if (steps.length === 0) return <Text as="p">No steps yet. Add the first one below.</Text>
  return (
    <>
      {/* Numbered by the headings: an InstUI ordered list would number them twice. */}
      <List isUnstyled margin="0" itemSpacing="small">
        {steps.map((s, i) => (
          <List.Item key={s.stepId}>
            <StepCard
              step={s}
              index={i}
              count={steps.length}
              liveRegion={liveRegion}
              focus={focus?.id === s.stepId ? focus.direction : null}
              onEdit={(input) => onEdit(s.stepId, input)}
              onMove={(d) => onMove(i, d)}
              onDelete={() => setDeleting(s)}
            />
          </List.Item>
        ))}
      </List>
      <ConfirmModal
        open={deleting !== null}
        title="Delete this step?"
        confirmLabel="Delete step"
        tone="danger"
        busy={busy}
        onCancel={() => setDeleting(null)}
        onConfirm={async () => {
          if (!deleting) return
          setBusy(true)
          try {
            await onDelete(deleting)
          } finally {
            setBusy(false)
            setDeleting(null)
          }
        }}
      >
        <Text as="p">
          “{deleting?.title}” is removed from the draft. Staff keep seeing it until you publish; after that it no longer counts
          towards finishing the module.
        </Text>
      </ConfirmModal>
    </>
  )
}

/** Props for {@link StepCard}. */
interface StepCardProps {
  step: DraftStep
  index: number
  count: number
  focus: Direction | null
  onEdit: (input: StepInput) => Promise<void>
  onMove: (direction: Direction) => void
  onDelete: () => void
  liveRegion: () => HTMLElement | null
}

// One step: its summary and actions, or its form while it is being edited (Edit gets focus back afterwards).
function StepCard({ step: s, index, count, focus, onEdit, onMove, onDelete, liveRegion }: StepCardProps) {
  const [editing, setEditing] = useState(false)
  const editRef = useFocusReturn(editing)
  return (
    <View as="div" display="block" padding="small" borderWidth="small" borderRadius="medium">
      <Heading level="h3" variant="titleCardRegular">
        {index + 1}. {s.title}
      </Heading>
      <Text as="div" size="small" color="secondary">
        {kindLabel(s.kind)} · about {formatMinutes(s.estimatedMinutes)}
      </Text>
      {editing ? (
        <StepForm
          kind={s.kind}
          step={s}
          headingLevel="h4"
          focusOnMount
          liveRegion={liveRegion}
          onCancel={() => setEditing(false)}
          onSave={async (input) => {
            await onEdit(input)
            setEditing(false)
          }}
        />
      ) : (
        <Flex gap="x-small" wrap="wrap" margin="x-small 0 0">
          <Button size="small" onClick={() => setEditing(true)} elementRef={editRef}>
            Edit<ScreenReaderContent>: {s.title}</ScreenReaderContent>
          </Button>
          <ReorderButtons itemLabel={s.title} index={index} count={count} onMove={onMove} focus={focus} />
          <Button size="small" color="secondary" onClick={onDelete}>
            Delete<ScreenReaderContent>: {s.title}</ScreenReaderContent>
          </Button>
        </Flex>
      )}
    </View>
  )
}
