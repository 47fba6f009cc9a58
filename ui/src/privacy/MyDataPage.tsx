import { useId, useState } from 'react'
import { Alert, Button, Heading, List, Table, Text, View } from '@instructure/ui'
import { ApiError } from '../api'
import { LoadingState } from '../components/LoadingState'
import { AppLink } from '../learning/AppLink'
import { useApiData } from '../learning/useApiData'
import { useLandingFocus } from '../learning/useLandingFocus'
import { downloadFile } from '../reports/reportsApi'

/** Props for {@link MyDataPage}. */
export interface MyDataPageProps {
  /** Live region for status alerts (see AppShell). */
  liveRegion: () => HTMLElement | null
}

/** One line of `GET /api/me/visibility`. */
interface VisibilityItem {
  topic: string
  what: string
  where: string | null
  who: string
}

type Download = { kind: 'idle' | 'busy' } | { kind: 'done'; name: string } | { kind: 'error'; message: string }

/** "My data": download everything Staffroom holds about you, and see who can see what. */
export function MyDataPage({ liveRegion }: MyDataPageProps) {
  const landing = useLandingFocus()
  const exportHeading = useId()
  const whoHeading = useId()
  const eraseHeading = useId()
  const visibility = useApiData<{ visibility: { items: VisibilityItem[] } }>('/api/me/visibility')
  const [download, setDownload] = useState<Download>({ kind: 'idle' })

  async function start() {
    if (download.kind === 'busy') return
    setDownload({ kind: 'busy' })
    try {
      setDownload({ kind: 'done', name: await downloadFile('/api/me/export', 'staffroom-my-data.zip') })
    } catch (e) {
      setDownload({ kind: 'error', message: e instanceof ApiError ? e.message : 'The download failed. Please try again.' })
    }
  }

  return (
    <View as="div" display="block">
      <AppLink to="/">Back to your home</AppLink>
      <Heading level="h1" variant="titlePageMobile" margin="small 0" elementRef={landing} tabIndex={-1}>
        My data
      </Heading>
      <Text as="p" variant="descriptionPage">
        Everything Staffroom keeps about you, and who can see it.
      </Text>

      <View as="section" display="block" margin="medium 0" aria-labelledby={exportHeading}>
        <Heading level="h2" variant="titleSection" id={exportHeading} margin="0 0 x-small">
          Download a copy
        </Heading>
        <Text as="p">
          One ZIP file with your profile, memberships, module progress and answers, PD hours, audition work and every
          version, feedback you gave and received, ratings, competency evidence, notifications, and the files you
          uploaded. A README inside explains each file. Other people’s names and private words are left out.
        </Text>
        <Button color="primary" onClick={() => void start()} interaction={download.kind === 'busy' ? 'disabled' : 'enabled'}>
          {download.kind === 'busy' ? 'Preparing your download…' : 'Download my data (ZIP)'}
        </Button>
        {download.kind === 'done' && (
          <Alert variant="success" liveRegion={liveRegion} transition="none" hasShadow={false} margin="small 0 0">
            Download started: {download.name}
          </Alert>
        )}
        {download.kind === 'error' && (
          <Alert variant="error" liveRegion={liveRegion} transition="none" hasShadow={false} margin="small 0 0">
            {download.message}
          </Alert>
        )}
      </View>

      <View as="section" display="block" margin="medium 0" aria-labelledby={whoHeading}>
        <Heading level="h2" variant="titleSection" id={whoHeading} margin="0 0 x-small">
          Who can see what
        </Heading>
        <Text as="p">Worked out from the current settings of your cohorts and auditions. You can always see all of your own data.</Text>
        {visibility.state.status === 'loading' && <LoadingState />}
        {visibility.state.status === 'error' && (
          <Alert variant="error" liveRegion={liveRegion} transition="none" hasShadow={false}>
            {visibility.state.error.message}
          </Alert>
        )}
        {visibility.state.status === 'ready' && (
          <View as="div" display="block" overflowX="auto">
            <Table caption="Who can see each kind of your data" layout="auto">
              <Table.Head>
                <Table.Row>
                  <Table.ColHeader id="vis-what">Your data</Table.ColHeader>
                  <Table.ColHeader id="vis-where">Where</Table.ColHeader>
                  <Table.ColHeader id="vis-who">Who can see it</Table.ColHeader>
                </Table.Row>
              </Table.Head>
              <Table.Body>
                {visibility.state.data.visibility.items.map((i, n) => (
                  <Table.Row key={n}>
                    <Table.RowHeader>{i.what}</Table.RowHeader>
                    <Table.Cell>{i.where ?? 'Everywhere in Staffroom'}</Table.Cell>
                    <Table.Cell>{i.who}</Table.Cell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
          </View>
        )}
      </View>

      <View as="section" display="block" margin="medium 0" aria-labelledby={eraseHeading}>
        <Heading level="h2" variant="titleSection" id={eraseHeading} margin="0 0 x-small">
          Erasing your data
        </Heading>
        <Text as="p">Ask an administrator of your course to erase your personal data. When they do:</Text>
        <List margin="0 0 small">
          <List.Item>your name and email, your work, files, answers, evidence and notifications are deleted;</List.Item>
          <List.Item>feedback you gave colleagues stays, shown as from “a former colleague”, so their learning is not lost;</List.Item>
          <List.Item>course totals (progress and PD hours) stay, without your name.</List.Item>
        </List>
      </View>
    </View>
  )
}
