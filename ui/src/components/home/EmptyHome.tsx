import { useId } from 'react'
import { Heading, List, Text, View } from '@instructure/ui'

/** Props for {@link EmptyHome}. */
export interface EmptyHomeProps {
  /** The page's h1. */
  title: string
  /** One or two sentences on what this space is for. */
  intro: string
  /** What will show up here once there is something to show. */
  comingSoon: readonly string[]
  /** A short, reassuring closing line. */
  note: string
}

/** Shared layout for a role's home before any content exists: purpose, what's coming, reassurance. */
export function EmptyHome({ title, intro, comingSoon, note }: EmptyHomeProps) {
  const headingId = useId()
  return (
    <View as="div" display="block">
      <Heading level="h1" variant="titlePageMobile" margin="0 0 small">
        {title}
      </Heading>
      <Text as="p" variant="descriptionPage">
        {intro}
      </Text>
      <View as="section" display="block" margin="medium 0" aria-labelledby={headingId}>
        <Heading level="h2" variant="titleModule" id={headingId} margin="0 0 small">
          What you will find here
        </Heading>
        <List margin="0" itemSpacing="x-small">
          {comingSoon.map((item) => (
            <List.Item key={item}>{item}</List.Item>
          ))}
        </List>
      </View>
      <Text as="p" color="secondary">
        {note}
      </Text>
    </View>
  )
}
