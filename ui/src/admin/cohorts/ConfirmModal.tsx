import type { ReactNode } from 'react'
import { Button, CloseButton, Heading, Modal } from '@instructure/ui'

/** Props for {@link ConfirmModal}. */
export interface ConfirmModalProps {
  open: boolean
  /** The question, as the dialog's heading and accessible name. */
  title: string
  /** What will happen, in plain words. */
  children: ReactNode
  /** The confirming button's text: says what it does ("Delete step"). */
  confirmLabel: string
  /** `danger` for changes that cannot be undone. */
  tone?: 'primary' | 'danger'
  busy?: boolean
  onConfirm: () => void
  onCancel: () => void
}

/** A confirmation dialog: focus moves into it, Escape or Cancel closes it, focus returns to the opener. */
export function ConfirmModal({ open, title, children, confirmLabel, tone = 'primary', busy = false, onConfirm, onCancel }: ConfirmModalProps) {
  return (
    <Modal open={open} onDismiss={onCancel} size="small" label={title} shouldCloseOnDocumentClick={false}>
      <Modal.Header>
        <CloseButton placement="end" offset="small" onClick={onCancel} screenReaderLabel="Close" />
        <Heading level="h2">{title}</Heading>
      </Modal.Header>
      <Modal.Body>{children}</Modal.Body>
      <Modal.Footer>
        <Button onClick={onCancel} margin="0 x-small 0 0">
          Cancel
        </Button>
        <Button color={tone} onClick={onConfirm} interaction={busy ? 'disabled' : 'enabled'}>
          {confirmLabel}
        </Button>
      </Modal.Footer>
    </Modal>
  )
}
