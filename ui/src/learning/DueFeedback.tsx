import { useEffect, useId, useState } from 'react'
import { Heading, List, Text, View } from '@instructure/ui'
import { apiGet } from '../api'
import { AppLink } from './AppLink'
import { formatDate } from './format'

/** One open review from `GET /api/feedback-to-give` (the auditions feature). */
interface FeedbackTask {
  id: string
  auditionTitle: string
  kind: 'initial' | 'look_again'
  subject: string
  gradeLevel: string
  started: boolean
  dueAt: string
}

/**
 * Feedback colleagues are waiting for, when the auditions API lists any. It stays out of the way otherwise
 * (nothing due, or the API not there), because "My learning" must work without it.
 */
export function DueFeedback() {
  const headingId = useId()
  const [tasks, setTasks] = useState<FeedbackTask[]>([])
  useEffect(() => {
    const controller = new AbortController()
    apiGet<{ reviews: FeedbackTask[] }>('/api/feedback-to-give', controller.signal).then(
      (answer) => setTasks(answer.reviews),
      () => setTasks([])
    )
    return () => controller.abort()
  }, [])
  if (tasks.length === 0) return null
  return (
    <View as="section" display="block" margin="medium 0" padding="medium" borderWidth="small" borderRadius="medium" aria-labelledby={headingId}>
      <Heading level="h2" variant="titleSection" id={headingId} margin="0 0 x-small">
        Feedback colleagues are waiting for
      </Heading>
      <List margin="small 0">
        {tasks.map((t) => (
          <List.Item key={t.id}>
            <Text weight="bold">{t.auditionTitle}</Text>
            {[t.subject, t.gradeLevel].filter(Boolean).length > 0 && ` (${[t.subject, t.gradeLevel].filter(Boolean).join(', ')})`}
            {t.kind === 'look_again' ? ', a second look at a revised version' : ''}: due {formatDate(t.dueAt)}
            {t.started ? '. You have started this one.' : '.'}
          </List.Item>
        ))}
      </List>
      <AppLink to="/auditions">Open your feedback queue</AppLink>
    </View>
  )
}
