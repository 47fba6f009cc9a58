import { Button, Text } from '@instructure/ui'

/** Props for {@link NothingToAdd}. */
export interface NothingToAddProps {
  busy: boolean
  onCancel: () => void
}

/** When this place in the LMS accepts no tool links: say so, and offer the way back. */
export function NothingToAdd({ busy, onCancel }: NothingToAddProps) {
  return (
    <>
      <Text as="p">
        This part of the LMS only accepts other kinds of content, so there is nothing from Staffroom to add here. Try
        adding Staffroom as an external tool or link from the course’s modules instead.
      </Text>
      <Button type="button" color="primary" onClick={onCancel} interaction={busy ? 'disabled' : 'enabled'} margin="small 0 0">
        Return to the LMS
      </Button>
    </>
  )
}
