import type { ReactNode } from 'react'
import { Alert, Button, Flex, Heading, Text, View } from '@instructure/ui'

/** Props for {@link ConflictPanel}. */
export interface ConflictPanelProps {
  /** The teacher's own, unsaved version. */
  mine: ReactNode
  /** The version stored from another tab or device. */
  theirs: ReactNode
  onKeepMine: () => void
  onTakeTheirs: () => void
  liveRegion: () => HTMLElement | null
}

/** Shows both versions after a stale save and lets the teacher choose; nothing is lost until they do. */
export function ConflictPanel({ mine, theirs, onKeepMine, onTakeTheirs, liveRegion }: ConflictPanelProps) {
  return (
    <View as="div" display="block" margin="small 0" padding="small" borderWidth="small" borderRadius="medium" data-testid="conflict">
      <Alert variant="warning" liveRegion={liveRegion} liveRegionPoliteness="assertive" transition="none" hasShadow={false} margin="0 0 small">
        This was also changed in another tab or on another device, so your latest words have not been saved yet. Nothing is lost: compare the two
        versions and choose which one to keep. You can copy anything you need from the saved version into yours first.
      </Alert>
      <Flex gap="medium" wrap="wrap" alignItems="start">
        <Flex.Item shouldGrow shouldShrink size="14rem">
          <Heading level="h4" variant="label" margin="0 0 x-small">
            Your version (not saved yet)
          </Heading>
          {mine}
        </Flex.Item>
        <Flex.Item shouldGrow shouldShrink size="14rem">
          <Heading level="h4" variant="label" margin="0 0 x-small">
            The saved version
          </Heading>
          <View as="div" display="block" data-testid="server-version">
            {theirs}
          </View>
        </Flex.Item>
      </Flex>
      <Flex gap="small" wrap="wrap" margin="small 0 0">
        <Button color="primary" onClick={onKeepMine}>
          Keep my version
        </Button>
        <Button onClick={onTakeTheirs}>Use the saved version</Button>
      </Flex>
    </View>
  )
}

/** A teacher's plain text with its line breaks kept (never parsed as HTML). */
export function PlainText({ text }: { text: string }) {
  if (!text.trim()) return <Text as="p" color="secondary">(empty)</Text>
  return (
    <>
      {text.split(/\n{2,}/).map((para, i) => (
        <Text as="p" key={i} wrap="break-word">
          {para.split('\n').map((line, j) => (
            <span key={j}>
              {j > 0 && <br />}
              {line}
            </span>
          ))}
        </Text>
      ))}
    </>
  )
}
