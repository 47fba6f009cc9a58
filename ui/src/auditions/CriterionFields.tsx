import { Checkbox, CheckboxGroup, Heading, Text, TextArea, TextInput, View } from '@instructure/ui'
import { messagesFor, type FieldErrors } from '../admin/cohorts/fieldErrors'
import type { Criterion } from './auditionTypes'

/** A competency a criterion may give evidence for (a ratable competency of the cohort's framework). */
export interface LinkableCompetency {
  id: string
  identifier: string
  title: string
}

/** Props for {@link CriterionFields}. */
export interface CriterionFieldsProps {
  /** Position in the rubric (0-based); names the fields as the API does (`protocol.criteria.<index>.…`). */
  index: number
  criterion: Criterion
  /** Ratable competencies of the cohort's framework; empty when the cohort has none. */
  competencies: LinkableCompetency[]
  errors: FieldErrors
  onChange: (next: Criterion) => void
}

/** One rubric criterion of the set-up form: its title, description and the competencies it gives evidence for. */
export function CriterionFields({ index, criterion, competencies, errors, onChange }: CriterionFieldsProps) {
  const field = (name: string) => `protocol.criteria.${index}.${name}`
  const headingId = `criterion-${index}-heading`
  const levels = criterion.levels.map((l) => `${l.score}. ${l.label}`).join(', ')
  return (
    <View as="fieldset" display="block" margin="0 0 medium" padding="small" borderWidth="small" borderRadius="medium" aria-labelledby={headingId} data-testid="criterion-fields">
      <Heading level="h3" variant="titleCardRegular" id={headingId} margin="0 0 x-small">
        {`Criterion ${index + 1}: ${criterion.title || 'untitled'}`}
      </Heading>
      <Text as="p" size="small">
        Levels: {levels}
      </Text>
      <TextInput
        renderLabel="Criterion title"
        value={criterion.title}
        onChange={(_e, v) => onChange({ ...criterion, title: v })}
        messages={messagesFor(errors, field('title'))}
        isRequired
      />
      <View as="div" display="block" margin="small 0">
        <TextArea label="What reviewers look for (optional)" value={criterion.description} onChange={(e) => onChange({ ...criterion, description: e.target.value })} messages={messagesFor(errors, field('description'))} height="4rem" />
      </View>
      {competencies.length === 0 ? (
        <Text as="p" size="small">
          This cohort has no competency framework yet, so criteria cannot give evidence for competencies. An administrator links one under Competencies.
        </Text>
      ) : (
        <CheckboxGroup
          name={`criterion-${index}-competencies`}
          description={`Competencies “${criterion.title || `criterion ${index + 1}`}” gives evidence for`}
          value={criterion.competencyIds ?? []}
          onChange={(ids) => onChange({ ...criterion, competencyIds: ids.map(String) })}
          messages={messagesFor(errors, field('competencyIds'), 'A version of this audition becomes evidence for each ticked competency, with the peer reviews’ levels on this criterion.')}
        >
          {competencies.map((c) => (
            <Checkbox key={c.id} value={c.id} label={`${c.identifier} ${c.title}`} />
          ))}
        </CheckboxGroup>
      )}
    </View>
  )
}
