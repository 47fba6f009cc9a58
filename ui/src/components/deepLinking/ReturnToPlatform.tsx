import { useEffect, useRef } from 'react'
import { Button, Flex, Heading, Spinner, Text, View } from '@instructure/ui'
import type { DeepLinkingAnswer } from '../../deepLinking'

/** Props for {@link ReturnToPlatform}. */
export interface ReturnToPlatformProps {
  answer: DeepLinkingAnswer
  /** What the admin chose, in words ("My learning"), or null when they cancelled. */
  summary: string | null
}

/**
 * Posts the signed answer to the LMS as the form field `JWT`, in this frame (target _self), as Deep Linking 2.0
 * requires. The form submits itself once; its button is the fallback if the browser did not follow.
 */
export function ReturnToPlatform({ answer, summary }: ReturnToPlatformProps) {
  const form = useRef<HTMLFormElement>(null)
  const submitted = useRef(false)

  useEffect(() => {
    // StrictMode runs effects twice in development; a second post would be a replay the LMS refuses.
    if (submitted.current) return
    submitted.current = true
    form.current?.submit()
  }, [])

  return (
    <View as="div" display="block">
      <Heading level="h1" variant="titlePageMobile" margin="0 0 small">
        Returning to your course
      </Heading>
      <Flex gap="small" alignItems="center" margin="0 0 medium">
        <Spinner renderTitle="Returning to your course" size="x-small" />
        <Text>{summary ? `Adding ${summary} to your course…` : 'Going back to your course without adding anything…'}</Text>
      </Flex>
      <form ref={form} method="post" action={answer.returnUrl} target="_self">
        <input type="hidden" name="JWT" value={answer.jwt} />
        <Button type="submit">Continue to the course</Button>
      </form>
    </View>
  )
}
