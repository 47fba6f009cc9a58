import { Flex, ScreenReaderContent, Spinner } from '@instructure/ui'

/** First-paint state while `/api/me` is loading. */
export function LoadingState() {
  return (
    <>
      {/* Every state keeps exactly one h1; here it only needs to exist for screen readers. */}
      <ScreenReaderContent as="h1">Staffroom</ScreenReaderContent>
      <Flex justifyItems="center" padding="large 0">
        <Spinner renderTitle="Loading your Staffroom home" size="medium" />
      </Flex>
    </>
  )
}
