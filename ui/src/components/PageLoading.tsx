import { Flex, Heading, Spinner, View } from '@instructure/ui'

/** Props for {@link PageLoading}. */
export interface PageLoadingProps {
  /** The h1 the page will have, shown at once so the screen always has a heading. */
  title: string
  /** What the spinner says to screen readers. */
  what: string
}

/** A page's heading and a spinner while its data loads. */
export function PageLoading({ title, what }: PageLoadingProps) {
  return (
    <View as="div" display="block">
      <Heading level="h1" variant="titlePageMobile" margin="0 0 medium">
        {title}
      </Heading>
      <Flex justifyItems="center" padding="large 0">
        <Spinner renderTitle={what} size="medium" />
      </Flex>
    </View>
  )
}
