import { useCallback, useEffect, useRef, useState } from 'react'
import { Alert, Button, Heading, SimpleSelect, Spinner, Table, Text, View } from '@instructure/ui'
import { ApiError, apiGet } from '../api'
import { AppLink } from '../learning/AppLink'
import { formatDate } from '../learning/format'
import { ACTION_LABELS, describeAction, describeActor, type AuditAction, type AuditEvent } from './auditText'
import { usePageHeadingFocus } from './focus'
import { ReportError } from './ReportError'
import type { ReportsAreaProps } from './ReportsArea'
import { plural } from './reportsApi'

const PAGE = 25
const ALL = 'all'

/** Pages of the audit log for one action filter: the first page on change, more by cursor on request. */
function useAuditLog(action: string) {
  const [events, setEvents] = useState<AuditEvent[]>([])
  const [next, setNext] = useState<string | null>(null)
  const [loading, setLoading] = useState(true)
  const [error, setError] = useState<ApiError | null>(null)
  const generation = useRef(0)

  const load = useCallback(
    async (cursor: string | null) => {
      const mine = generation.current
      setLoading(true)
      setError(null)
      const q = new URLSearchParams({ limit: String(PAGE) })
      if (action !== ALL) q.set('action', action)
      if (cursor) q.set('cursor', cursor)
      try {
        const page = await apiGet<{ events: AuditEvent[]; nextCursor: string | null }>(`/api/audit?${q}`)
        if (mine !== generation.current) return
        setEvents((shown) => (cursor ? [...shown, ...page.events] : page.events))
        setNext(page.nextCursor)
      } catch (e) {
        if (mine !== generation.current) return
        setError(e instanceof ApiError ? e : new ApiError(0, 'client_error', 'Something went wrong on this page. Please try again.'))
      } finally {
        if (mine === generation.current) setLoading(false)
      }
    },
    [action]
  )

  useEffect(() => {
    generation.current++
    setEvents([])
    setNext(null)
    void load(null)
  }, [load])

  return { events, next, loading, error, more: () => void load(next), retry: () => void load(events.length ? next : null) }
}

/** The audit log for admins: sensitive actions, newest first, filtered by action, with "Show more" paging. */
export function AuditLogPage({ liveRegion }: ReportsAreaProps) {
  const [action, setAction] = useState<string>(ALL)
  const log = useAuditLog(action)
  const headingRef = useRef<HTMLElement | null>(null)
  const focusOnArrival = usePageHeadingFocus()
  const setHeading = useCallback(
    (el: Element | null) => {
      headingRef.current = el instanceof HTMLElement ? el : null
      focusOnArrival(el)
    },
    [focusOnArrival]
  )
  const [announce, setAnnounce] = useState('')

  useAnnounceAfterMore(log, setAnnounce, headingRef)
  // Failing with 403 means this person may not read the log at all.
  if (log.error?.status === 403) return <ReportError error={log.error} liveRegion={liveRegion} />

  const more = () => {
    setAnnounce('')
    log.more()
  }

  return (
    <View as="div" display="block" className="staffroom-reports">
      <View as="nav" display="block" margin="0 0 small" aria-label="Reports" className="report-no-print">
        <AppLink to="/reports">All reports</AppLink>
      </View>
      <Heading level="h1" variant="titlePageMobile" margin="0 0 small" elementRef={setHeading} tabIndex={-1}>
        Audit log
      </Heading>
      <Text as="p" variant="descriptionPage">
        Sensitive actions in this course’s LMS connection, newest first. The log keeps ids, never names.
      </Text>
      <View as="div" display="block" margin="small 0" maxWidth="24rem" className="report-no-print">
        <SimpleSelect renderLabel="Action" value={action} onChange={(_e, { value }) => setAction(String(value))}>
          <SimpleSelect.Option id="audit-action-all" value={ALL}>
            All actions
          </SimpleSelect.Option>
          {(Object.keys(ACTION_LABELS) as AuditAction[]).map((a) => (
            <SimpleSelect.Option id={`audit-action-${a}`} key={a} value={a}>
              {ACTION_LABELS[a]}
            </SimpleSelect.Option>
          ))}
        </SimpleSelect>
      </View>
      {log.events.length === 0 && !log.loading && !log.error && <Text as="p">No actions of this kind have been recorded.</Text>}
      {log.events.length > 0 && (
        <Table caption={`Audit log: ${action === ALL ? 'all actions' : ACTION_LABELS[action as AuditAction]}`} layout="auto" margin="small 0">
          <Table.Head>
            <Table.Row>
              <Table.ColHeader id="audit-when">When</Table.ColHeader>
              <Table.ColHeader id="audit-what">What happened</Table.ColHeader>
              <Table.ColHeader id="audit-who">Who</Table.ColHeader>
              <Table.ColHeader id="audit-action">Action</Table.ColHeader>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {log.events.map((e) => (
              <Table.Row key={e.id}>
                <Table.RowHeader>{formatDate(e.occurredAt)}</Table.RowHeader>
                <Table.Cell>{describeAction(e)}</Table.Cell>
                <Table.Cell>{describeActor(e.actor)}</Table.Cell>
                <Table.Cell>
                  <code>{e.action}</code>
                </Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
      {log.loading && <Spinner renderTitle="Loading audit events" size="small" margin="small" />}
      {log.error && <ReportError error={log.error} liveRegion={liveRegion} onRetry={log.retry} inline />}
      {announce && (
        <Alert variant="info" liveRegion={liveRegion} screenReaderOnly transition="none">
          {announce}
        </Alert>
      )}
      {log.next && !log.loading && (
        <View as="div" display="block" margin="small 0" className="report-no-print">
          <Button onClick={more}>Show more events</Button>
        </View>
      )}
    </View>
  )
}

// After "Show more": announce the new count; when no more remain the button is gone, so focus goes to the heading.
function useAnnounceAfterMore(log: ReturnType<typeof useAuditLog>, setAnnounce: (s: string) => void, heading: { current: HTMLElement | null }) {
  const wasLoading = useRef(log.loading)
  const count = useRef(log.events.length)
  useEffect(() => {
    if (wasLoading.current && !log.loading && count.current > 0 && log.events.length > count.current) {
      setAnnounce(`Showing ${plural(log.events.length, 'event', 'events')}.`)
      if (!log.next) heading.current?.focus()
    }
    wasLoading.current = log.loading
    if (!log.loading) count.current = log.events.length
  }, [log.loading, log.events.length, log.next, setAnnounce, heading])
}
