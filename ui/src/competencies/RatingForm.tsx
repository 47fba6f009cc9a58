import { useState, type FormEvent } from 'react'
import { Alert, Button, Checkbox, CheckboxGroup, Flex, Heading, RadioInput, RadioInputGroup, Text, TextArea, View } from '@instructure/ui'
import { ApiError, apiRequest } from '../api'
import { fieldErrorsOf, messagesFor, type FieldErrors } from '../admin/cohorts/fieldErrors'
import { formatDate } from '../learning/format'
import { paths } from './competenciesApi'
import { levelWords } from './levels'
import type { EvidenceView, MasteryView, RatingView, ScaleLevel } from './types'

/** What a saved rating answers with. */
export interface RatingResult {
  rating: RatingView
  mastery: MasteryView | null
  certificateIssued: boolean
}

/** Props for {@link RatingForm}. */
export interface RatingFormProps {
  cohortId: string
  userId: string
  competencyId: string
  /** The competency's words, e.g. "COL.1 Plans with colleagues". */
  competencyName: string
  scale: ScaleLevel[]
  /** What each level looks like for this competency, by level label. */
  levelDescriptions: Record<string, string>
  /** The person's evidence for this competency; evidence no rating used yet starts ticked. */
  evidence: EvidenceView[]
  liveRegion: () => HTMLElement | null
  onRated: (result: RatingResult) => Promise<void>
}

/** The rating form: a level (radio buttons, arrow keys move between them), a comment, and the evidence it is based on. */
export function RatingForm(props: RatingFormProps) {
  const { scale, evidence, liveRegion } = props
  const [level, setLevel] = useState('')
  const [comment, setComment] = useState('')
  const [used, setUsed] = useState<string[]>(() => evidence.filter((e) => !e.reviewedAt).map((e) => e.id))
  const [saving, setSaving] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [fields, setFields] = useState<FieldErrors>({})

  async function submit(event: FormEvent) {
    event.preventDefault()
    if (saving) return
    if (!level) {
      setFields({ level: 'Choose a level.' })
      setError('The rating was not saved. Choose a level first.')
      return
    }
    setSaving(true)
    setError(null)
    setFields({})
    try {
      const result = await apiRequest<RatingResult>(paths.ratings(props.cohortId, props.userId, props.competencyId), {
        method: 'POST',
        body: { level, comment: comment.trim(), evidenceIds: used }
      })
      setLevel('')
      setComment('')
      setUsed([])
      await props.onRated(result)
    } catch (e) {
      const byField = fieldErrorsOf(e)
      if (e instanceof ApiError && e.id === 'unknown_level') byField.level = e.message
      if (e instanceof ApiError && e.id === 'unknown_evidence') byField.evidenceIds = e.message
      setFields(byField)
      setError(Object.keys(byField).length ? 'The rating was not saved. Check the fields marked below.' : e instanceof Error ? e.message : 'The rating was not saved.')
    } finally {
      setSaving(false)
    }
  }

  return (
    <View as="section" display="block" margin="medium 0" padding="medium" borderWidth="small" borderRadius="medium" aria-labelledby="rating-form-heading">
      <Heading level="h2" variant="titleSection" id="rating-form-heading" margin="0 0 small">
        Rate {props.competencyName}
      </Heading>
      <form onSubmit={(e) => void submit(e)} noValidate>
        {error && (
          <Alert variant="error" liveRegion={liveRegion} liveRegionPoliteness="assertive" transition="none" hasShadow={false} margin="0 0 medium">
            {error}
          </Alert>
        )}
        <RadioInputGroup name="rating-level" description="Level" value={level} onChange={(_e, v) => setLevel(v)} messages={messagesFor(fields, 'level')} isRequired>
          {scale.map((l) => (
            <RadioInput
              key={l.position}
              value={l.label}
              label={
                <span>
                  <Text weight="bold">{levelWords(l)}</Text>
                  {(props.levelDescriptions[l.label] || l.description) && <Text as="div" size="small">{props.levelDescriptions[l.label] || l.description}</Text>}
                </span>
              }
            />
          ))}
        </RadioInputGroup>
        <View as="div" display="block" margin="medium 0">
          <TextArea label="Comment (optional)" value={comment} onChange={(e) => setComment(e.target.value)} messages={messagesFor(fields, 'comment', 'The person sees it, and it goes to the LMS gradebook with the level.')} height="6rem" />
        </View>
        {evidence.length > 0 && (
          <CheckboxGroup name="rating-evidence" description="Based on this evidence" value={used} onChange={(ids) => setUsed(ids.map(String))} messages={messagesFor(fields, 'evidenceIds')}>
            {evidence.map((e) => (
              <Checkbox key={e.id} value={e.id} label={`${e.title} (${formatDate(e.createdAt, true)})`} />
            ))}
          </CheckboxGroup>
        )}
        <Flex gap="small" margin="medium 0 0">
          <Button type="submit" color="primary" interaction={saving ? 'disabled' : 'enabled'}>
            {saving ? 'Saving…' : 'Save rating'}
          </Button>
        </Flex>
      </form>
    </View>
  )
}
