import { useId } from 'react'
import { RadioInput, RadioInputGroup, Text } from '@instructure/ui'
import type { VisibilityRule } from '../learningTypes'

/** Props for {@link VisibilityChoice}. */
export interface VisibilityChoiceProps {
  rule: VisibilityRule
  value: 'private' | 'cohort'
  onChange: (value: 'private' | 'cohort') => void
  /** "reflection", "inquiry notes": what the choice is about. */
  what: string
}

/** Who sees the teacher's writing: a choice when the step allows it, otherwise a plain statement. */
export function VisibilityChoice({ rule, value, onChange, what }: VisibilityChoiceProps) {
  const name = useId()
  if (rule !== 'choice') {
    return (
      <Text as="p" size="small" color="secondary">
        {rule === 'private' ? `Only you can see your ${what}.` : `Colleagues in your cohort can read your ${what}.`}
      </Text>
    )
  }
  return (
    <RadioInputGroup
      name={name}
      description={`Who can see your ${what}?`}
      value={value}
      onChange={(_e, v) => onChange(v === 'cohort' ? 'cohort' : 'private')}
      layout="columns"
      size="small"
    >
      <RadioInput value="private" label="Only me" />
      <RadioInput value="cohort" label="Colleagues in my cohort" />
    </RadioInputGroup>
  )
}
