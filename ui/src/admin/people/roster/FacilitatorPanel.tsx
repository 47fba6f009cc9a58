import { useId, useState } from 'react'
import { Alert, Button, Flex, Heading, List, ScreenReaderContent, SimpleSelect, Text, View } from '@instructure/ui'
import { ApiError, apiRequest } from '../../../api'
import { personName, type CohortMember } from '../peopleApi'

/** A module facilitators can be assigned to. */
export interface FacilitatedModule {
  id: string
  title: string
}

/** Props for {@link FacilitatorPanel}. */
export interface FacilitatorPanelProps {
  cohortId: string
  modules: FacilitatedModule[]
  /** The members shown on the roster (facilitators are chosen among its active ones). */
  members: CohortMember[]
  /** Called after an assignment changed, to read the roster again. */
  onChanged: () => void
  liveRegion: () => HTMLElement | null
}

/** Distributed leadership: give a member lead rights for one module, or take them away (admins). */
export function FacilitatorPanel({ cohortId, modules, members, onChanged, liveRegion }: FacilitatorPanelProps) {
  const headingId = useId()
  const active = members.filter((m) => m.status === 'active')
  const [moduleId, setModuleId] = useState(modules[0]?.id ?? '')
  const [userId, setUserId] = useState('')
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<{ tone: 'success' | 'error'; text: string } | null>(null)

  async function change(method: 'PUT' | 'DELETE', m: FacilitatedModule, person: CohortMember) {
    if (busy) return
    setBusy(true)
    setMessage(null)
    try {
      await apiRequest(`/api/cohorts/${cohortId}/modules/${m.id}/facilitators/${person.userId}`, { method })
      const text = method === 'PUT' ? `${personName(person)} now facilitates “${m.title}”.` : `${personName(person)} no longer facilitates “${m.title}”.`
      setMessage({ tone: 'success', text })
      onChanged()
    } catch (e) {
      setMessage({ tone: 'error', text: e instanceof ApiError ? e.message : String(e) })
    } finally {
      setBusy(false)
    }
  }

  if (modules.length === 0) return null
  const chosenModule = modules.find((m) => m.id === moduleId)
  const chosenPerson = active.find((m) => m.userId === userId)
  return (
    <View as="section" display="block" margin="0 0 large" aria-labelledby={headingId}>
      <Heading level="h2" variant="titleSection" id={headingId} margin="0 0 small">
        Module facilitators
      </Heading>
      <Text as="p">A facilitator gets lead-teacher rights for one module only: they can edit it and keep its meeting records.</Text>
      {modules.map((m) => {
        const holders = members.filter((p) => p.facilitatorModuleIds.includes(m.id))
        return (
          <View as="div" display="block" margin="small 0" key={m.id}>
            <Heading level="h3" variant="titleCardMini">{m.title}</Heading>
            {holders.length === 0 ? (
              <Text as="p">No facilitator yet.</Text>
            ) : (
              <List isUnstyled margin="x-small 0">
                {holders.map((p) => (
                  <List.Item key={p.userId}>
                    <Flex gap="small" alignItems="center" wrap="wrap">
                      <Text>{personName(p)}</Text>
                      <Button size="small" onClick={() => void change('DELETE', m, p)} interaction={busy ? 'disabled' : 'enabled'}>
                        Remove<ScreenReaderContent> {personName(p)} as facilitator of {m.title}</ScreenReaderContent>
                      </Button>
                    </Flex>
                  </List.Item>
                ))}
              </List>
            )}
          </View>
        )
      })}
      <Flex gap="small" alignItems="end" wrap="wrap" margin="small 0 0">
        <SimpleSelect renderLabel="Module" value={moduleId} onChange={(_e, { value }) => setModuleId(String(value))}>
          {modules.map((m) => (
            <SimpleSelect.Option id={`fac-module-${m.id}`} key={m.id} value={m.id}>{m.title}</SimpleSelect.Option>
          ))}
        </SimpleSelect>
        <SimpleSelect renderLabel="Person" value={userId} placeholder="Choose a member" onChange={(_e, { value }) => setUserId(String(value))}>
          {active.map((p) => (
            <SimpleSelect.Option id={`fac-person-${p.userId}`} key={p.userId} value={p.userId}>{personName(p)}</SimpleSelect.Option>
          ))}
        </SimpleSelect>
        <Button
          onClick={() => chosenModule && chosenPerson && void change('PUT', chosenModule, chosenPerson)}
          interaction={!chosenModule || !chosenPerson ? 'disabled' : 'enabled'}
        >
          Assign facilitator
        </Button>
      </Flex>
      {message && (
        <Alert variant={message.tone} liveRegion={liveRegion} transition="none" hasShadow={false} margin="small 0 0">
          {message.text}
        </Alert>
      )}
    </View>
  )
}
