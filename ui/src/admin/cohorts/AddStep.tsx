import { useState } from 'react'
import { Button, Heading, RadioInput, RadioInputGroup, View } from '@instructure/ui'
import { useFocusOnMount, useFocusReturn } from './focus'
import { StepForm, type StepInput } from './StepForm'
import { STEP_KINDS } from './stepKinds'
import type { StepKind } from './types'

/** Props for {@link AddStep}. */
export interface AddStepProps {
  onAdd: (kind: StepKind, input: StepInput) => Promise<void>
  liveRegion: () => HTMLElement | null
}

/** "Add a step": choose its kind, then fill in the kind's fields. The step goes at the end of the draft. */
export function AddStep({ onAdd, liveRegion }: AddStepProps) {
  const [open, setOpen] = useState(false)
  const [kind, setKind] = useState<StepKind>('read')
  const openerRef = useFocusReturn(open)
  const headingRef = useFocusOnMount()

  if (!open) {
    return (
      <View as="div" margin="small 0 0">
        <Button color="primary" onClick={() => setOpen(true)} elementRef={openerRef}>
          Add a step
        </Button>
      </View>
    )
  }
  return (
    <View as="section" display="block" margin="medium 0 0" aria-labelledby="add-step-heading">
      <Heading level="h3" variant="titleModule" id="add-step-heading" margin="0 0 small" elementRef={headingRef} tabIndex={-1}>
        Add a step
      </Heading>
      <RadioInputGroup name="new-step-kind" description="Kind of step" value={kind} onChange={(_e, v) => setKind(v as StepKind)}>
        {STEP_KINDS.map((k) => (
          <RadioInput key={k.kind} value={k.kind} label={`${k.label}: ${k.hint}`} />
        ))}
      </RadioInputGroup>
      {/* A new form per kind: each kind has its own fields. */}
      <StepForm
        key={kind}
        kind={kind}
        liveRegion={liveRegion}
        onCancel={() => setOpen(false)}
        onSave={async (input) => {
          await onAdd(kind, input)
          setOpen(false)
        }}
      />
    </View>
  )
}
