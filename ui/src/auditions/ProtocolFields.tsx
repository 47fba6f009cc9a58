import { Heading, RadioInput, RadioInputGroup, Text, TextArea, View } from '@instructure/ui'
import { PlainText } from '../learning/player/ConflictPanel'
import type { Answers, Protocol } from './auditionTypes'

/** Props for {@link ProtocolFields}. */
export interface ProtocolFieldsProps {
  protocol: Protocol
  value: Answers
  onChange: (next: Answers) => void
  /** Read-only once submitted or closed. */
  readOnly?: boolean
}

/** The feedback protocol as a form: one radio group per rubric criterion (levels with descriptors), one box per prompt. */
export function ProtocolFields({ protocol, value, onChange, readOnly }: ProtocolFieldsProps) {
  return (
    <View as="div" display="block">
      {protocol.criteria.map((c) => (
        <View as="div" display="block" margin="small 0 medium" key={c.id}>
          <RadioInputGroup
            name={`criterion-${c.id}`}
            description={
              <>
                {c.title}
                {c.description && <Text as="div" weight="normal" size="small">{c.description}</Text>}
              </>
            }
            value={value.ratings[c.id] === undefined ? '' : String(value.ratings[c.id])}
            onChange={(_e, v) => onChange({ ...value, ratings: { ...value.ratings, [c.id]: Number(v) } })}
            readOnly={readOnly}
            isRequired
          >
            {c.levels.map((l) => (
              <RadioInput key={l.score} value={String(l.score)} label={`${l.score}. ${l.label}${l.descriptor ? `: ${l.descriptor}` : ''}`} />
            ))}
          </RadioInputGroup>
        </View>
      ))}
      {protocol.prompts.map((p) => (
        <View as="div" display="block" margin="small 0" key={p.id}>
          <TextArea
            label={p.required ? p.label : `${p.label} (optional)`}
            value={value.comments[p.id] ?? ''}
            onChange={(e) => onChange({ ...value, comments: { ...value.comments, [p.id]: e.target.value } })}
            readOnly={readOnly}
            required={p.required}
            height="5rem"
            autoGrow
            resize="vertical"
          />
        </View>
      ))}
    </View>
  )
}

/** Submitted answers, read-only: each criterion's level in words, then each comment. */
export function AnswersView({ protocol, answers, headingLevel = 'h4' }: { protocol: Protocol; answers: Answers; headingLevel?: 'h3' | 'h4' | 'h5' }) {
  return (
    <View as="div" display="block">
      {protocol.criteria.map((c) => {
        const level = c.levels.find((l) => l.score === answers.ratings[c.id])
        return (
          <Text as="p" key={c.id}>
            <Text weight="bold">{c.title}:</Text> {level ? `${level.label} (${level.score} of ${Math.max(...c.levels.map((x) => x.score))})` : 'not rated'}
          </Text>
        )
      })}
      {protocol.prompts.map((p) =>
        answers.comments[p.id]?.trim() ? (
          <View as="div" display="block" key={p.id} margin="x-small 0">
            <Heading level={headingLevel} variant="label">
              {p.label}
            </Heading>
            <PlainText text={answers.comments[p.id]!} />
          </View>
        ) : null
      )}
    </View>
  )
}

/** Empty answers. */
export const emptyAnswers = (): Answers => ({ ratings: {}, comments: {} })
