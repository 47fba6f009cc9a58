import { Text, View } from '@instructure/ui'
import type { SaveStatus } from './useAutosave'

const WORDS: Record<SaveStatus, string> = {
  idle: '',
  pending: 'Saving…',
  saving: 'Saving…',
  saved: 'Saved',
  error: 'Not saved',
  conflict: 'Not saved: this was changed somewhere else'
}

/** Props for {@link SaveStatusText}. */
export interface SaveStatusTextProps {
  status: SaveStatus
}

/** The autosave state, visible and announced politely (a live region that stays mounted). */
export function SaveStatusText({ status }: SaveStatusTextProps) {
  return (
    <View as="div" display="block" margin="x-small 0" role="status" aria-live="polite" data-save-status={status}>
      <Text size="small" color={status === 'error' || status === 'conflict' ? 'danger' : 'secondary'}>
        {WORDS[status]}
      </Text>
    </View>
  )
}
