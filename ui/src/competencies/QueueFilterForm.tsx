import { Flex, SimpleSelect } from '@instructure/ui'
import type { QueueFilters } from './useQueue'

const ALL = 'all'

/** Props for {@link QueueFilterForm}. */
export interface QueueFilterFormProps {
  filters: QueueFilters
  onChange: (filters: QueueFilters) => void
  /** Ratable competencies of the cohort. */
  competencies: { id: string; identifier: string; title: string }[]
  /** Schools of the course's members. */
  schools: string[]
}

/** The grading queue's filters: a competency and a school (each "All" by default); a change applies at once. */
export function QueueFilterForm({ filters, onChange, competencies, schools }: QueueFilterFormProps) {
  return (
    <Flex gap="medium" wrap="wrap" margin="small 0 medium" alignItems="end">
      <Flex.Item shouldShrink>
        <SimpleSelect
          renderLabel="Competency"
          width="20rem"
          value={filters.competencyId || ALL}
          onChange={(_e, { value }) => onChange({ ...filters, competencyId: value === ALL ? '' : String(value) })}
        >
          {[
            <SimpleSelect.Option key={ALL} id="queue-competency-all" value={ALL}>
              All competencies
            </SimpleSelect.Option>,
            ...competencies.map((c) => (
              <SimpleSelect.Option key={c.id} id={`queue-competency-${c.id}`} value={c.id}>
                {`${c.identifier} ${c.title}`}
              </SimpleSelect.Option>
            ))
          ]}
        </SimpleSelect>
      </Flex.Item>
      <Flex.Item shouldShrink>
        <SimpleSelect
          renderLabel="School"
          width="16rem"
          value={filters.school || ALL}
          onChange={(_e, { value }) => onChange({ ...filters, school: value === ALL ? '' : String(value) })}
        >
          {[
            <SimpleSelect.Option key={ALL} id="queue-school-all" value={ALL}>
              All schools
            </SimpleSelect.Option>,
            ...schools.map((s, i) => (
              <SimpleSelect.Option key={s} id={`queue-school-${i}`} value={s}>
                {s}
              </SimpleSelect.Option>
            ))
          ]}
        </SimpleSelect>
      </Flex.Item>
    </Flex>
  )
}
