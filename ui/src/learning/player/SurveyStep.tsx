import { useId, useState, type FormEvent } from 'react'
import { Alert, Button, Flex, RadioInput, RadioInputGroup, Text, TextArea } from '@instructure/ui'
import { ApiError } from '../../api'
import { formatDate } from '../format'
import type { PlayerStep, ProgressAnswer } from '../learningTypes'
import { SafeHtml } from '../SafeHtml'
import { answerSurvey, type StepRef } from './stepApi'

type Survey = Extract<PlayerStep, { kind: 'survey' }>

/** The built-in questions: the same in every module, so answers add up across modules and cohorts. */
const QUESTIONS = [
  { key: 'useful', label: 'Was this useful?', options: ['Not useful', 'A little useful', 'Useful', 'Very useful'] },
  { key: 'relevant', label: 'Was it relevant to your work?', options: ['Not relevant', 'A little relevant', 'Relevant', 'Very relevant'] }
] as const

/** Props for {@link SurveyStep}. */
export interface SurveyStepProps {
  step: StepRef
  survey: Survey
  /** Called after a first answer (which completes the step). */
  onCompleted: (answer: ProgressAnswer) => Promise<void>
  liveRegion: () => HTMLElement | null
}

/** The end-of-module survey: two 1–4 questions and an optional suggestion; answering again changes the answer. */
export function SurveyStep({ step, survey, onCompleted, liveRegion }: SurveyStepProps) {
  const id = useId()
  const [saved, setSaved] = useState(survey.answer)
  const [values, setValues] = useState({ useful: String(saved?.useful ?? ''), relevant: String(saved?.relevant ?? ''), suggestion: saved?.suggestion ?? '' })
  const [missing, setMissing] = useState<string[]>([])
  const [status, setStatus] = useState<{ tone: 'success' | 'error'; text: string } | null>(null)
  const [busy, setBusy] = useState(false)

  async function submit(event: FormEvent) {
    event.preventDefault()
    const gaps = QUESTIONS.filter((q) => !values[q.key]).map((q) => q.key)
    setMissing(gaps)
    if (gaps.length) {
      setStatus({ tone: 'error', text: 'Choose an answer for each of the two questions marked below.' })
      return
    }
    setBusy(true)
    setStatus(null)
    try {
      const wasAnswered = saved !== null
      const result = await answerSurvey(step, { useful: Number(values.useful), relevant: Number(values.relevant), suggestion: values.suggestion })
      setSaved(result.answer)
      setStatus({ tone: 'success', text: wasAnswered ? 'Your changed answers are saved.' : 'Thank you: your answers are saved.' })
      if (!wasAnswered) await onCompleted(result.progress)
    } catch (e) {
      setStatus({ tone: 'error', text: e instanceof ApiError ? e.message : 'Your answers could not be saved. Please try again.' })
    } finally {
      setBusy(false)
    }
  }

  return (
    <>
      {survey.display.introHtml && <SafeHtml html={survey.display.introHtml} />}
      <Text as="p" size="small" color="secondary">
        Your answers are private. Leads and admins see only totals, and suggestions without names.
      </Text>
      {saved && (
        <Text as="p" size="small">
          You answered on {formatDate(saved.answeredAt, true)}. You can change your answers at any time.
        </Text>
      )}
      <form onSubmit={submit} noValidate aria-label="Your view of this module">
        <Flex direction="column" gap="medium" margin="small 0">
          {QUESTIONS.map((q) => (
            <RadioInputGroup
              key={q.key}
              name={`${id}-${q.key}`}
              description={q.label}
              value={values[q.key]}
              onChange={(_e, v) => setValues((x) => ({ ...x, [q.key]: v }))}
              isRequired
              messages={missing.includes(q.key) ? [{ type: 'newError', text: 'Choose one answer.' }] : undefined}
            >
              {q.options.map((label, i) => (
                <RadioInput key={label} value={String(i + 1)} label={`${i + 1}: ${label}`} />
              ))}
            </RadioInputGroup>
          ))}
          <TextArea
            label="What should change? (optional)"
            value={values.suggestion}
            onChange={(e) => setValues((x) => ({ ...x, suggestion: e.target.value }))}
            maxHeight="12rem"
            messages={[{ type: 'hint', text: 'Shared with leads without your name. Please leave out names of students or colleagues.' }]}
          />
        </Flex>
        {status && (
          <Alert variant={status.tone} liveRegion={liveRegion} transition="none" hasShadow={false} margin="small 0">
            {status.text}
          </Alert>
        )}
        <Button type="submit" color="primary" interaction={busy ? 'disabled' : 'enabled'}>
          {busy ? 'Saving…' : saved ? 'Update my answers' : 'Send my answers'}
        </Button>
      </form>
    </>
  )
}
