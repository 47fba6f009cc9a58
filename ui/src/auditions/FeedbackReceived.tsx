import { useState } from 'react'
import { Alert, Button, Flex, Heading, RadioInput, RadioInputGroup, Text, TextInput, View } from '@instructure/ui'
import { ApiError, apiRequest } from '../api'
import { formatDate } from '../learning/format'
import { auditionBase, type Audition, type Rating, type ReceivedFeedback } from './auditionTypes'
import { AnswersView } from './ProtocolFields'

/** Props for {@link FeedbackReceived}. */
export interface FeedbackReceivedProps {
  audition: Audition
  feedback: ReceivedFeedback[]
  liveRegion: () => HTMLElement | null
}

const SCALE = [
  { value: 1, words: 'Not really' },
  { value: 2, words: 'A little' },
  { value: 3, words: 'Mostly' },
  { value: 4, words: 'Very much' }
]

/** The feedback the author received, oldest first, each with the "feedback on feedback" rating controls. */
export function FeedbackReceived({ audition, feedback, liveRegion }: FeedbackReceivedProps) {
  return (
    <View as="section" display="block" margin="medium 0" aria-labelledby="feedback-received-heading">
      <Heading level="h2" variant="titleSection" id="feedback-received-heading" margin="0 0 x-small">
        Feedback you received
      </Heading>
      {feedback.length === 0 ? (
        <Text as="p" color="secondary">
          No feedback yet. It appears here as soon as a colleague sends it.
        </Text>
      ) : (
        feedback.map((f, i) => <FeedbackItem key={f.id} n={i + 1} audition={audition} item={f} liveRegion={liveRegion} />)
      )}
    </View>
  )
}

function FeedbackItem({ n, audition, item, liveRegion }: { n: number; audition: Audition; item: ReceivedFeedback; liveRegion: () => HTMLElement | null }) {
  const [rating, setRating] = useState<Rating>(item.rating ?? { specific: 0, supportive: 0, thanks: '' })
  const [saved, setSaved] = useState<Rating | null>(item.rating)
  const [message, setMessage] = useState<{ tone: 'success' | 'error'; text: string } | null>(null)
  const [busy, setBusy] = useState(false)
  const who = item.reviewer?.name ? ` from ${item.reviewer.name}` : ''
  const title = `Feedback ${n}${who}, on version ${item.versionNumber}${item.kind === 'look_again' ? ' (a second look)' : ''}`

  async function saveRating() {
    if (!rating.specific || !rating.supportive) {
      setMessage({ tone: 'error', text: 'Choose how specific and how supportive the feedback was, then save.' })
      return
    }
    setBusy(true)
    try {
      const res = await apiRequest<{ rating: Rating }>(`${auditionBase(audition.cohortId, audition.id)}/reviews/${item.id}/rating`, { method: 'PUT', body: rating })
      setSaved(res.rating)
      setMessage({ tone: 'success', text: 'Thank you. Your rating is saved and helps your colleague give even better feedback.' })
    } catch (e) {
      setMessage({ tone: 'error', text: e instanceof ApiError ? e.message : 'Your rating could not be saved. Please try again.' })
    } finally {
      setBusy(false)
    }
  }

  return (
    <View as="article" display="block" margin="small 0" padding="small" borderWidth="small" borderRadius="medium" aria-label={title} data-testid="feedback-item">
      <Heading level="h3" variant="titleCardRegular" margin="0 0 xx-small">
        {title}
      </Heading>
      <Text as="p" size="small" color="secondary">
        Given {formatDate(item.submittedAt)}
      </Text>
      <AnswersView protocol={audition.protocol} answers={item.answers} />
      <View as="div" display="block" margin="small 0 0" padding="small" background="secondary" borderRadius="medium">
        <Heading level="h4" variant="label" margin="0 0 x-small">
          How useful was this feedback?{saved ? ' (you rated it)' : ''}
        </Heading>
        <Flex gap="medium" wrap="wrap" alignItems="start">
          {(['specific', 'supportive'] as const).map((k) => (
            <Flex.Item key={k} shouldShrink>
              <RadioInputGroup
                name={`${item.id}-${k}`}
                description={k === 'specific' ? 'Specific and actionable' : 'Supportive'}
                value={rating[k] ? String(rating[k]) : ''}
                onChange={(_e, v) => setRating({ ...rating, [k]: Number(v) })}
                layout="columns"
              >
                {SCALE.map((s) => (
                  <RadioInput key={s.value} value={String(s.value)} label={`${s.value} ${s.words}`} />
                ))}
              </RadioInputGroup>
            </Flex.Item>
          ))}
        </Flex>
        <View as="div" display="block" margin="small 0">
          <TextInput renderLabel="A thank-you note (optional)" value={rating.thanks} onChange={(_e, v) => setRating({ ...rating, thanks: v })} />
        </View>
        <Button onClick={() => void saveRating()} interaction={busy ? 'disabled' : 'enabled'}>
          {saved ? 'Update my rating' : 'Save my rating'}
        </Button>
        {message && (
          <Alert variant={message.tone} liveRegion={liveRegion} transition="none" hasShadow={false} margin="small 0 0">
            {message.text}
          </Alert>
        )}
      </View>
    </View>
  )
}
