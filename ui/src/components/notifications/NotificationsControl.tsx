import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react'
import { Alert, Button, Flex, Heading, List, ScreenReaderContent, Text, View } from '@instructure/ui'
import { AppLink } from '../../learning/AppLink'
import { notificationTarget, notificationText } from './notificationsApi'
import { useNotifications } from './useNotifications'

const when = (iso: string) => new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })
const unreadWords = (n: number) => (n === 0 ? 'no new notifications' : n === 1 ? '1 new notification' : `${n} new notifications`)

/**
 * The header's notifications: a button with the unread count that opens a list (links to the thing, mark as
 * read). The count is repeated in a polite live region when it changes, so screen-reader users hear new ones.
 */
export function NotificationsControl() {
  const { items, unread, error, reload, read } = useNotifications()
  const [open, setOpen] = useState(false)
  const [announcement, setAnnouncement] = useState('')
  const panelId = useId()
  const headingId = useId()
  const button = useRef<HTMLElement | null>(null)
  const previous = useRef<number | null>(null)

  useEffect(() => {
    if (items === null) return
    // Announce changes only: the first load is visible on the button and would interrupt the page's own heading.
    if (previous.current !== null && previous.current !== unread) setAnnouncement(`You have ${unreadWords(unread)}.`)
    previous.current = unread
  }, [items, unread])

  const toggle = () => {
    if (!open) void reload()
    setOpen(!open)
  }
  const closeOnEscape = (e: KeyboardEvent) => {
    if (e.key !== 'Escape' || !open) return
    setOpen(false)
    button.current?.focus()
  }

  return (
    // Escape closes the list from the button or from inside it, and focus goes back to the button.
    <div onKeyDown={closeOnEscape}>
      <Button
        elementRef={(el) => void (button.current = el as HTMLElement | null)}
        onClick={toggle}
        aria-expanded={open}
        aria-controls={panelId}
        size="small"
        color={unread > 0 ? 'primary' : 'secondary'}
      >
        {unread > 0 ? `Notifications (${unread} new)` : 'Notifications'}
      </Button>
      <ScreenReaderContent>
        <span role="status">{announcement}</span>
      </ScreenReaderContent>
      <div id={panelId} hidden={!open}>
        {open && (
          <View as="section" display="block" margin="small 0 0" padding="small" borderWidth="small" borderRadius="medium" background="primary" aria-labelledby={headingId} maxWidth="36rem">
            <Heading level="h2" variant="titleCardMini" id={headingId} margin="0 0 x-small">
              Notifications: {unreadWords(unread)}
            </Heading>
            {error && (
              <Alert variant="error" transition="none" hasShadow={false} margin="0 0 small">
                {error}
              </Alert>
            )}
            {items?.length === 0 && <Text as="p">Nothing yet. New feedback and changes to your reviews will show up here.</Text>}
            {items && items.length > 0 && (
              <List isUnstyled margin="0" itemSpacing="small">
                {items.map((n) => {
                  const target = notificationTarget(n)
                  const text = notificationText(n)
                  return (
                    <List.Item key={n.id}>
                      <View as="div" display="block" padding="x-small" borderWidth="0 0 0 large" borderColor={n.read ? 'primary' : 'brand'} data-testid="notification">
                        <Text as="p" weight={n.read ? 'normal' : 'bold'}>
                          {n.read ? '' : <ScreenReaderContent>New: </ScreenReaderContent>}
                          {text}
                        </Text>
                        <Text as="p" size="small" color="secondary">{when(n.createdAt)}</Text>
                        <Flex gap="small" wrap="wrap" alignItems="center">
                          {target && (
                            <span onClickCapture={() => {
                              if (!n.read) void read(n.id)
                              setOpen(false)
                            }}>
                              <AppLink to={target.to}>{target.label}</AppLink>
                            </span>
                          )}
                          {!n.read && (
                            <Button size="small" onClick={() => void read(n.id)}>
                              Mark as read<ScreenReaderContent>: {text}</ScreenReaderContent>
                            </Button>
                          )}
                        </Flex>
                      </View>
                    </List.Item>
                  )
                })}
              </List>
            )}
            <Button size="small" margin="small 0 0" onClick={() => {
              setOpen(false)
              button.current?.focus()
            }}>
              Close notifications
            </Button>
          </View>
        )}
      </div>
    </div>
  )
}
