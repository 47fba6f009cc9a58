import { Alert, Link, List, Text } from '@instructure/ui'
import type { PlayerStep, ProgressAnswer } from '../learningTypes'
import { SafeHtml } from '../SafeHtml'
import { CheckpointStep } from './CheckpointStep'
import { InquiryEditor } from './InquiryEditor'
import { ReflectionEditor } from './ReflectionEditor'
import { SharedResponses } from './SharedResponses'
import { SurveyStep } from './SurveyStep'
import type { StepRef } from './stepApi'

/** Props for {@link StepContent}. */
export interface StepContentProps {
  at: StepRef
  step: PlayerStep
  canKeepRecords: boolean
  flushRef: { current: (() => Promise<boolean>) | null }
  onSaved: () => void
  /** A survey step completes by answering it. */
  onCompleted: (answer: ProgressAnswer) => Promise<void>
  liveRegion: () => HTMLElement | null
}

/** What a step shows and asks for, by kind. */
export function StepContent({ at, step, canKeepRecords, flushRef, onSaved, onCompleted, liveRegion }: StepContentProps) {
  const editor = { step: at, flushRef, onSaved, liveRegion }
  switch (step.kind) {
    case 'read':
      return (
        <>
          <SafeHtml html={step.display.html} />
          {step.display.videos.length > 0 && (
            <List margin="small 0">
              {step.display.videos.map((v, i) => (
                <List.Item key={v.videoId}>
                  <Link href={v.watchUrl} target="_blank" rel="noopener noreferrer">
                    Watch video {i + 1} on {v.provider === 'youtube' ? 'YouTube' : 'Vimeo'} (opens in a new tab)
                  </Link>
                </List.Item>
              ))}
            </List>
          )}
        </>
      )
    case 'reflect':
      return (
        <>
          <SafeHtml html={step.display.promptHtml} />
          <ReflectionEditor {...editor} rule={step.display.visibility} response={step.response} />
          {step.display.visibility !== 'private' && <SharedResponses step={at} />}
        </>
      )
    case 'inquiry':
      return (
        <>
          <SafeHtml html={step.display.questionHtml} />
          <InquiryEditor {...editor} rule={step.display.visibility} response={step.response} />
          {step.display.visibility !== 'private' && <SharedResponses step={at} />}
        </>
      )
    case 'survey':
      return <SurveyStep step={at} survey={step} onCompleted={onCompleted} liveRegion={liveRegion} />
    case 'checkpoint':
      return <CheckpointStep step={at} checkpoint={step} canKeepRecords={canKeepRecords} flushRef={flushRef} liveRegion={liveRegion} />
    case 'audition':
      return (
        <>
          <SafeHtml html={step.display.instructionsHtml} />
          <Alert variant="info" transition="none" hasShadow={false} margin="small 0">
            <Text as="p">
              Auditions are coming to Staffroom soon. This is where you will share your lesson plan or resource, with its classroom context, and get
              feedback from colleagues.
            </Text>
            <Text as="p">Until then, share your work with your team the way you usually do, then mark this step complete.</Text>
          </Alert>
        </>
      )
  }
}
