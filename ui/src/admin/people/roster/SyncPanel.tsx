import { useId } from 'react'
import { Alert, Button, Heading, ProgressBar, Text, View } from '@instructure/ui'
import { formatWhen, plural, type RosterSync } from '../peopleApi'
import type { RosterSyncState } from './useRosterSync'

/** Props for {@link SyncPanel}. */
export interface SyncPanelProps {
  sync: RosterSyncState & { running: boolean; start: () => void }
  /** Admins may start a sync; leads only see its state. */
  canSync: boolean
  liveRegion: () => HTMLElement | null
}

/** Plain-language summary of what a finished sync changed. */
export function changeSummary(run: RosterSync): string {
  const c = run.changes
  if (!c) return ''
  return `${plural(c.added, 'person', 'people')} added, ${c.updated.toLocaleString()} updated, ${c.reactivated.toLocaleString()} back, ${c.deactivated.toLocaleString()} left.`
}

/** What an admin can do about a failed sync, from the troubleshooting guide (docs/roster-sync.md). */
export function failureAdvice(message: string): string {
  if (/roster token/i.test(message)) return 'In the LMS, check that Staffroom’s developer key or tool settings include the Names and Role Provisioning service and that the key is on. Then sync again.'
  if (/\b40[13]\b/.test(message)) return 'The LMS refused to share the course roster. Check that the roster service is turned on for Staffroom and that the course still allows the tool, then sync again.'
  if (/html/i.test(message)) return 'The LMS showed a maintenance or login page instead of the roster. Try again later.'
  return 'Try again in a few minutes. If it keeps failing, send this message to your LMS administrator.'
}

function progressText(run: RosterSync): string {
  const { membersFetched, pagesFetched } = run.progress
  const so = run.status === 'succeeded' ? 'Finished:' : run.status === 'queued' ? 'Waiting to start:' : 'In progress:'
  return `${so} ${plural(membersFetched, 'member', 'members')} fetched from ${plural(pagesFetched, 'page', 'pages')}`
}

/** The roster sync: last sync, "Sync now", a progress bar while the background sync runs, and its result. */
export function SyncPanel({ sync, canSync, liveRegion }: SyncPanelProps) {
  const headingId = useId()
  const run = sync.latest
  const watched = run && run.id === sync.watchedId ? run : null
  const fetched = run?.progress.membersFetched ?? 0
  // The LMS gives no total: the bar runs towards the members known before, and fills when the run ends.
  const max = Math.max(sync.expected, fetched, 1)
  const now = watched?.status === 'succeeded' ? max : Math.min(fetched, Math.floor(max * 0.95))

  return (
    <View as="section" display="block" margin="0 0 large" aria-labelledby={headingId}>
      <Heading level="h2" variant="titleSection" id={headingId} margin="0 0 small">
        Sync with the LMS
      </Heading>
      <Text as="p">
        Staffroom reads who is in this course from the LMS every night. Sync now to bring in changes straight away.
      </Text>
      <Text as="p">
        {!sync.loaded
          ? 'Checking the last sync…'
          : lastSyncText(run)}
      </Text>
      {canSync && (
        // Stays enabled while a sync runs (so keyboard focus is kept): asking again returns the running sync.
        <Button color="primary" onClick={() => !sync.running && !sync.starting && sync.start()} interaction={sync.loaded ? 'enabled' : 'disabled'}>
          Sync now
        </Button>
      )}
      {watched && (watched.status !== 'failed') && (
        <View as="div" display="block" margin="medium 0 0">
          <ProgressBar
            screenReaderLabel="Roster sync progress"
            valueNow={now}
            valueMax={max}
            formatScreenReaderValue={() => progressText(watched)}
            meterColor={watched.status === 'succeeded' ? 'success' : 'brand'}
            margin="0 0 x-small"
          />
          <Text as="p">{progressText(watched)}</Text>
        </View>
      )}
      {watched?.status === 'queued' && watched.error && (
        <Text as="p">The last attempt failed ({watched.error}). Staffroom will try again shortly.</Text>
      )}
      {watched?.status === 'succeeded' && (
        <Alert variant="success" liveRegion={liveRegion} liveRegionPoliteness="polite" transition="none" hasShadow={false} margin="small 0 0">
          Roster sync finished: {changeSummary(watched)}
        </Alert>
      )}
      {watched?.status === 'failed' && (
        <Alert variant="error" liveRegion={liveRegion} liveRegionPoliteness="assertive" transition="none" hasShadow={false} margin="small 0 0">
          The roster sync failed: {watched.error ?? 'no reason was given'}. {failureAdvice(watched.error ?? '')} Nothing in the roster was changed.
        </Alert>
      )}
      {sync.requestError && (
        <Alert variant="error" liveRegion={liveRegion} liveRegionPoliteness="assertive" transition="none" hasShadow={false} margin="small 0 0">
          {sync.requestError}
        </Alert>
      )}
    </View>
  )
}

function lastSyncText(run: RosterSync | null): string {
  if (!run) return 'This course has not been synced with the LMS yet.'
  switch (run.status) {
    case 'queued':
      return 'A sync is waiting to start.'
    case 'running':
      return `A sync is running (started ${formatWhen(run.startedAt)}).`
    case 'succeeded':
      return `Last synced ${formatWhen(run.finishedAt)}: ${changeSummary(run)}`
    case 'failed':
      return `The last sync, ${formatWhen(run.finishedAt)}, failed.`
  }
}
