import { useState } from 'react'
import { Alert, Button, Heading, ScreenReaderContent, Table, Text, View } from '@instructure/ui'
import { apiGet, apiRequest } from '../../api'
import { messageOf } from './fieldErrors'
import { formatDay } from './format'
import { useLoad } from './useLoad'

/** A network invite as the API lists it (the code itself is shown only once, when it is made). */
interface Invite {
  id: string
  status: 'pending' | 'used' | 'expired' | 'revoked'
  createdAt: string
  expiresAt: string
  usedByContextTitle: string | null
}

const STATUS_WORDS: Record<Invite['status'], string> = { pending: 'Not used yet', used: 'Used', expired: 'Expired', revoked: 'Withdrawn' }

/** Props for {@link JoinCodes}. */
export interface JoinCodesProps {
  cohortId: string
  liveRegion: () => HTMLElement | null
}

/** Invite another school: make a single-use join code (shown once), see earlier codes, withdraw an unused one. */
export function JoinCodes({ cohortId, liveRegion }: JoinCodesProps) {
  const base = `/api/cohorts/${cohortId}/network-invites`
  const { state, reload } = useLoad((signal) => apiGet<{ invites: Invite[] }>(base, signal), base)
  const [code, setCode] = useState<{ code: string; expiresAt: string } | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  async function run(work: () => Promise<void>) {
    setBusy(true)
    setError(null)
    try {
      await work()
      reload()
    } catch (e) {
      setError(messageOf(e))
    } finally {
      setBusy(false)
    }
  }

  const invites = state.status === 'ready' ? state.data.invites : []
  return (
    <View as="div" display="block" margin="0 0 medium">
      <Heading level="h3" variant="titleModule" margin="0 0 x-small">
        Invite another school
      </Heading>
      <Text as="p">
        Another school’s course can join this cohort with a join code. Their administrators and leads see only their own
        staff’s details.
      </Text>
      {error && (
        <Alert variant="error" liveRegion={liveRegion} margin="0 0 small" hasShadow={false}>
          {error}
        </Alert>
      )}
      {code && (
        <Alert variant="success" liveRegion={liveRegion} margin="0 0 small" hasShadow={false}>
          Join code: <Text weight="bold">{code.code}</Text>. Send it to the other school’s administrator. It works once,
          until {formatDay(code.expiresAt)}. Copy it now: Staffroom will not show it again.
        </Alert>
      )}
      <Button
        onClick={() => run(async () => setCode(await apiRequest<{ code: string; expiresAt: string }>(base, { method: 'POST', body: {} })))}
        interaction={busy ? 'disabled' : 'enabled'}
      >
        {code ? 'Create another join code' : 'Create a join code'}
      </Button>
      {state.status === 'error' && <Text as="p">Earlier join codes could not be loaded: {messageOf(state.error)}</Text>}
      {invites.length > 0 && (
        <Table caption="Join codes made for this cohort" layout="auto" margin="small 0 0">
          <Table.Head>
            <Table.Row>
              <Table.ColHeader id="i-made">Made</Table.ColHeader>
              <Table.ColHeader id="i-status">Status</Table.ColHeader>
              <Table.ColHeader id="i-expires">Works until</Table.ColHeader>
              <Table.ColHeader id="i-action">
                <ScreenReaderContent>Action</ScreenReaderContent>
              </Table.ColHeader>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {invites.map((i) => (
              <Table.Row key={i.id}>
                <Table.RowHeader>{formatDay(i.createdAt)}</Table.RowHeader>
                <Table.Cell>
                  {STATUS_WORDS[i.status]}
                  {i.usedByContextTitle ? ` by ${i.usedByContextTitle}` : ''}
                </Table.Cell>
                <Table.Cell>{formatDay(i.expiresAt)}</Table.Cell>
                <Table.Cell>
                  {i.status === 'pending' && (
                    <Button size="small" onClick={() => run(() => apiRequest(`${base}/${i.id}`, { method: 'DELETE' }))}>
                      Withdraw<ScreenReaderContent> the code made {formatDay(i.createdAt)}</ScreenReaderContent>
                    </Button>
                  )}
                </Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
    </View>
  )
}
