import { useRef, useState } from 'react'
import { useHref } from 'react-router'
import { Alert, Button, Flex, Heading, Link, ScreenReaderContent, Table, Text, View } from '@instructure/ui'
import { apiRequest } from '../../api'
import { Announcement, useAnnouncement } from './Announcer'
import { AddModuleForm } from './AddModuleForm'
import { messageOf } from './fieldErrors'
import { formatPdHours, moduleState } from './format'
import { moveItem, ReorderButtons, type Direction } from './ReorderButtons'
import type { ModuleOutline } from './types'

/** Props for {@link CohortModules}. */
export interface CohortModulesProps {
  cohortId: string
  modules: ModuleOutline[]
  /** Whether the caller may add, reorder and remove modules (the API's `canManage`, and the cohort not archived). */
  canManage: boolean
  onChange: (modules: ModuleOutline[]) => void
  liveRegion: () => HTMLElement | null
}

/** The cohort's modules in order: open the editor, move up/down (announced), remove and restore, add. */
export function CohortModules({ cohortId, modules, canManage, onChange, liveRegion }: CohortModulesProps) {
  const { message, announce } = useAnnouncement()
  const [error, setError] = useState<string | null>(null)
  const [focus, setFocus] = useState<{ id: string; direction: Direction } | null>(null)
  const saving = useRef(Promise.resolve())
  // A removed or restored module's button is gone: focus goes to the list's heading.
  const heading = useRef<HTMLElement | null>(null)
  const active = modules.filter((m) => !m.archived)
  const removed = modules.filter((m) => m.archived)
  const base = `/api/cohorts/${cohortId}/modules`

  function move(index: number, direction: Direction) {
    const next = moveItem(active, index, direction)
    const item = active[index]
    if (!item) return
    const position = next.indexOf(item) + 1
    onChange([...next, ...removed])
    setFocus({ id: item.id, direction })
    setError(null)
    announce(`“${item.title}” moved to position ${position} of ${next.length}.`)
    // One save at a time, in the order the moves were made.
    saving.current = saving.current.then(() =>
      apiRequest(`${base}/order`, { method: 'PUT', body: { moduleIds: next.map((m) => m.id) } }).then(
        () => undefined,
        (e: unknown) => {
          setError(`The new order was not saved. ${messageOf(e)}`)
          onChange(modules)
        }
      )
    )
  }

  async function setArchived(m: ModuleOutline, archived: boolean) {
    setError(null)
    try {
      const saved = await apiRequest<ModuleOutline>(`${base}/${m.id}`, { method: 'PATCH', body: { archived } })
      const rest = modules.filter((x) => x.id !== m.id)
      heading.current?.focus()
      onChange(archived ? [...rest, saved] : [...rest.filter((x) => !x.archived), saved, ...rest.filter((x) => x.archived)])
      announce(archived ? `“${m.title}” removed. Its completions and PD hours stay recorded; you can restore it below.` : `“${m.title}” restored at the end of the list.`)
    } catch (e) {
      setError(messageOf(e))
    }
  }

  return (
    <View as="section" display="block" margin="large 0" aria-labelledby="modules-heading">
      <Heading level="h2" variant="titleSection" id="modules-heading" margin="0 0 small" tabIndex={-1} elementRef={(el) => void (heading.current = el as HTMLElement | null)}>
        Modules
      </Heading>
      <Announcement message={message} liveRegion={liveRegion} />
      {error && (
        <Alert variant="error" liveRegion={liveRegion} margin="0 0 medium" hasShadow={false}>
          {error}
        </Alert>
      )}
      {active.length === 0 ? (
        <Text as="p">This cohort has no modules yet.</Text>
      ) : (
        <Table caption="Modules, in the order staff work through them" layout="auto">
          <Table.Head>
            <Table.Row>
              <Table.ColHeader id="m-pos">Order</Table.ColHeader>
              <Table.ColHeader id="m-title">Module</Table.ColHeader>
              <Table.ColHeader id="m-state">State</Table.ColHeader>
              <Table.ColHeader id="m-pd">PD hours</Table.ColHeader>
              <Table.ColHeader id="m-actions">Actions</Table.ColHeader>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {active.map((m, i) => (
              <Table.Row key={m.id}>
                <Table.Cell>{i + 1}</Table.Cell>
                <Table.RowHeader>
                  <Text weight="bold">{m.title}</Text>
                  {m.unlockRule === 'after_previous' && <Text as="div" size="small">Opens after the module before it</Text>}
                </Table.RowHeader>
                <Table.Cell>{moduleState(m)}</Table.Cell>
                <Table.Cell>{formatPdHours(m.pdMinutes)}</Table.Cell>
                <Table.Cell>
                  <Flex gap="x-small" wrap="wrap" alignItems="center">
                    {m.canEdit && <EditLink cohortId={cohortId} module={m} />}
                    {canManage && (
                      <>
                        <ReorderButtons itemLabel={m.title} index={i} count={active.length} onMove={(d) => move(i, d)} focus={focus?.id === m.id ? focus.direction : null} />
                        <Button size="small" color="secondary" onClick={() => setArchived(m, true)}>
                          Remove<ScreenReaderContent>: {m.title}</ScreenReaderContent>
                        </Button>
                      </>
                    )}
                  </Flex>
                </Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
      {removed.length > 0 && (
        <View as="div" margin="medium 0 0">
          <Heading level="h3" variant="titleModule" margin="0 0 x-small">
            Removed modules
          </Heading>
          <Text as="p" size="small">
            Staff no longer see these. Completions and PD hours already earned stay recorded.
          </Text>
          <Flex direction="column" gap="x-small">
            {removed.map((m) => (
              <Flex key={m.id} gap="small" alignItems="center" wrap="wrap">
                <Text>{m.title}</Text>
                {canManage && (
                  <Button size="small" onClick={() => setArchived(m, false)}>
                    Restore<ScreenReaderContent>: {m.title}</ScreenReaderContent>
                  </Button>
                )}
              </Flex>
            ))}
          </Flex>
        </View>
      )}
      {canManage && <AddModuleForm cohortId={cohortId} liveRegion={liveRegion} />}
    </View>
  )
}

function EditLink({ cohortId, module: m }: { cohortId: string; module: ModuleOutline }) {
  const href = useHref(`/admin/cohorts/${cohortId}/modules/${m.id}/edit`)
  return (
    <Link href={href} margin="0 x-small 0 0">
      Edit<ScreenReaderContent>: {m.title}</ScreenReaderContent>
    </Link>
  )
}
