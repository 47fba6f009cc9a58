import { useState } from 'react'
import { Heading, Text, View } from '@instructure/ui'
import { ApiError } from '../../api'
import { createDeepLinkingAnswer, type DeepLinkingAnswer, type PickerItem } from '../../deepLinking'
import type { Me } from '../../types'
import { LoadingState } from '../LoadingState'
import { StatusMessage } from '../StatusMessage'
import { ItemPicker } from './ItemPicker'
import { NothingToAdd } from './NothingToAdd'
import { ReturnToPlatform } from './ReturnToPlatform'
import { usePickerOptions } from './usePickerOptions'

/** Props for {@link DeepLinkingView}. */
export interface DeepLinkingViewProps {
  me: Me
  /** Live region for status alerts (see AppShell). */
  liveRegion: () => HTMLElement | null
}

type Submission =
  | { status: 'choosing'; failure: string | null }
  | { status: 'posting' }
  | { status: 'returning'; answer: DeepLinkingAnswer; summary: string | null }

/** What the LMS shows when it asks Staffroom for content to add: the picker, or why there is none. */
export function DeepLinkingView({ me, liveRegion }: DeepLinkingViewProps) {
  const { state, retry } = usePickerOptions()
  const [submission, setSubmission] = useState<Submission>({ status: 'choosing', failure: null })
  const course = me.context.title?.trim() || me.context.label?.trim() || 'your course'

  const answer = async (items: PickerItem[]) => {
    setSubmission({ status: 'posting' })
    try {
      const signed = await createDeepLinkingAnswer(items.map((item) => item.id))
      const summary = items.length > 0 ? items.map((item) => `“${item.title}”`).join(', ') : null
      setSubmission({ status: 'returning', answer: signed, summary })
    } catch (error) {
      const failure = error instanceof ApiError ? error.message : 'Something unexpected went wrong. Please try again.'
      setSubmission({ status: 'choosing', failure })
    }
  }

  if (submission.status === 'returning') return <ReturnToPlatform answer={submission.answer} summary={submission.summary} />
  switch (state.status) {
    case 'loading':
      return <LoadingState />
    case 'forbidden':
      return (
        <StatusMessage tone="warning" title="Only administrators and lead teachers can add Staffroom to a course" liveRegion={liveRegion}>
          You opened Staffroom from the LMS to add content to {course}. Ask a lead teacher or your LMS administrator to add
          the Staffroom link you need; once it is in the course, you can open it from there.
        </StatusMessage>
      )
    case 'error':
      return (
        <StatusMessage tone="error" title="Something went wrong" liveRegion={liveRegion} onRetry={retry}>
          {state.message}
        </StatusMessage>
      )
    case 'ready':
      return (
        <View as="div" display="block">
          <Heading level="h1" variant="titlePageMobile" margin="0 0 small">
            Add Staffroom to your course
          </Heading>
          {state.options.acceptsLinks ? (
            <>
              <Text as="p">
                Choose what the new link in {course} should open. Everyone who follows it sees their own version.
              </Text>
              <ItemPicker
                options={state.options}
                busy={submission.status === 'posting'}
                failure={submission.status === 'choosing' ? submission.failure : null}
                onAdd={(items) => void answer(items)}
                onCancel={() => void answer([])}
                liveRegion={liveRegion}
              />
            </>
          ) : (
            <NothingToAdd busy={submission.status === 'posting'} onCancel={() => void answer([])} />
          )}
        </View>
      )
  }
}
