import { Table, Text, View } from '@instructure/ui'
import { roleLabel } from '../../../people'
import { formatWhen, personName, plural, type MatrixCell, type MatrixModule, type MatrixPerson } from '../peopleApi'

/** Props for {@link ProgressTable}. */
export interface ProgressTableProps {
  cohortTitle: string
  /** Members of the caller's course (after the role filter), over all pages. */
  members: number
  modules: MatrixModule[]
  people: MatrixPerson[]
}

const STATUS_TEXT: Record<MatrixCell['status'], string> = {
  complete: 'Complete',
  in_progress: 'In progress',
  not_started: 'Not started'
}

/** "1 h 30 min"-style duration for PD time. */
export function formatMinutes(minutes: number): string {
  const h = Math.floor(minutes / 60)
  const m = minutes % 60
  if (h && m) return `${h} h ${m} min`
  return h ? `${h} h` : `${m} min`
}

function Cell({ cell, module }: { cell: MatrixCell | undefined; module: MatrixModule }) {
  if (!cell) return <Text>Not started</Text>
  return (
    <>
      <Text as="div" weight={cell.status === 'complete' ? 'bold' : 'normal'}>
        {STATUS_TEXT[cell.status]}
      </Text>
      <Text as="div" size="small">
        {`${cell.completedSteps} of ${plural(module.totalSteps, 'step', 'steps')}`}
      </Text>
      {cell.lastActivityAt && (
        <Text as="div" size="small">
          Last activity {formatWhen(cell.lastActivityAt)}
        </Text>
      )}
    </>
  )
}

/** The person × module matrix: text in every cell, and a first row of per-module totals. */
export function ProgressTable({ cohortTitle, members, modules, people }: ProgressTableProps) {
  return (
    <View as="div" display="block" overflowX="auto">
      <Table caption={`Progress in ${cohortTitle}: ${plural(people.length, 'person', 'people')} of ${members.toLocaleString()} shown, by module`} layout="auto">
        <Table.Head>
          <Table.Row>
            {[
              <Table.ColHeader id="progress-person" key="person">Person</Table.ColHeader>,
              ...modules.map((m) => (
                <Table.ColHeader id={`progress-module-${m.id}`} key={m.id}>
                  {m.title}
                </Table.ColHeader>
              )),
              <Table.ColHeader id="progress-pd" key="pd">PD time earned</Table.ColHeader>
            ]}
          </Table.Row>
        </Table.Head>
        <Table.Body>
          <Table.Row>
            {[
              <Table.RowHeader key="person">
                <Text weight="bold">All {plural(members, 'member', 'members')}</Text>
              </Table.RowHeader>,
              ...modules.map((m) => (
                <Table.Cell key={m.id}>
                  <Text as="div" weight="bold">{m.totals.percentCompleted}% complete</Text>
                  <Text as="div" size="small">
                    {m.totals.completed} complete, {m.totals.inProgress} in progress, {m.totals.notStarted} not started
                  </Text>
                </Table.Cell>
              )),
              <Table.Cell key="pd">Shown per person</Table.Cell>
            ]}
          </Table.Row>
          {people.map((p) => (
            <Table.Row key={p.userId}>
              {[
                <Table.RowHeader key="person">
                  <Text as="div" weight="bold">{personName(p)}</Text>
                  <Text as="div" size="small">{roleLabel(p.role)}</Text>
                </Table.RowHeader>,
                ...modules.map((m) => (
                  <Table.Cell key={m.id}>
                    <Cell cell={p.modules.find((c) => c.moduleId === m.id)} module={m} />
                  </Table.Cell>
                )),
                <Table.Cell key="pd">{formatMinutes(p.pdMinutesEarned)}</Table.Cell>
              ]}
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
    </View>
  )
}
