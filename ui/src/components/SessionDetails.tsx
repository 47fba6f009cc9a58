import { Flex, Pill, Text } from '@instructure/ui'
import { displayName, roleLabel } from '../people'
import type { Me } from '../types'

/** Props for {@link SessionDetails}. */
export interface SessionDetailsProps {
  me: Me
}

/** Header details: who is signed in, their Staffroom role in plain words, and the course. */
export function SessionDetails({ me }: SessionDetailsProps) {
  const courseTitle = me.context.title?.trim() || me.context.label?.trim()
  return (
    <Flex wrap="wrap" gap="x-small small" alignItems="center">
      {courseTitle && (
        <Flex.Item shouldShrink>
          <Text as="div" wrap="break-word">
            {courseTitle}
          </Text>
        </Flex.Item>
      )}
      <Flex.Item shouldShrink>
        <Text as="div" wrap="break-word">
          Signed in as <Text weight="bold">{displayName(me.user)}</Text>
        </Text>
      </Flex.Item>
      <Flex.Item>
        <Pill color="info" statusLabel="Your role">
          {roleLabel(me.role)}
        </Pill>
      </Flex.Item>
    </Flex>
  )
}
