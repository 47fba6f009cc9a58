import { Alert, Heading, Table, Text, View } from '@instructure/ui'
import { plural } from '../peopleApi'
import type { PreviewAnswer } from './enrolApi'

/** Props for {@link PreviewReport}. */
export interface PreviewReportProps {
  preview: PreviewAnswer
  headingId: string
}

const FIELD_LABELS: Record<string, string> = { name: 'Name', email: 'Email', school: 'School', role: 'Role', userId: 'Person' }

/** The check of a staff list: each problem with its spreadsheet row and field, then the people ready to enrol. */
export function PreviewReport({ preview, headingId }: PreviewReportProps) {
  const { counts, problems, people } = preview
  return (
    <View as="section" display="block" margin="medium 0" aria-labelledby={headingId}>
      <Heading level="h2" variant="titleSection" id={headingId} margin="0 0 small" tabIndex={-1}>
        Check of the staff list
      </Heading>
      <Text as="p">
        {plural(counts.people, 'person is', 'people are')} ready to enrol.{' '}
        {counts.problems ? `${plural(counts.problems, 'row needs', 'rows need')} fixing first: correct the spreadsheet, then check it again.` : 'No problems found.'}
      </Text>
      {preview.ignoredColumns.length > 0 && (
        <Text as="p">These columns were ignored: {preview.ignoredColumns.join(', ')}. Check the spelling if one of them should have been used.</Text>
      )}
      {!preview.target && (
        <Alert variant="warning" transition="none" hasShadow={false} margin="small 0">
          Staffroom cannot enrol anyone yet: save an LMS connection above first (and, if the course id is unknown, add the lms_course_id custom parameter in the LMS).
        </Alert>
      )}
      {problems.length > 0 && (
        <Table caption={`Problems in the staff list (${problems.length})`} margin="small 0">
          <Table.Head>
            <Table.Row>
              <Table.ColHeader id="problem-row">Row</Table.ColHeader>
              <Table.ColHeader id="problem-field">Field</Table.ColHeader>
              <Table.ColHeader id="problem-what">What is wrong</Table.ColHeader>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {problems.map((p, i) => (
              <Table.Row key={`${p.row ?? p.userId}-${p.field}-${i}`}>
                <Table.RowHeader>{p.row === null ? 'Picked person' : `Row ${p.row}`}</Table.RowHeader>
                <Table.Cell>{FIELD_LABELS[p.field] ?? p.field}</Table.Cell>
                <Table.Cell>{p.message}</Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
      {people.length > 0 && (
        <Table caption={`People ready to enrol (${people.length})`} margin="small 0">
          <Table.Head>
            <Table.Row>
              <Table.ColHeader id="ready-row">Row</Table.ColHeader>
              <Table.ColHeader id="ready-name">Name</Table.ColHeader>
              <Table.ColHeader id="ready-email">Email</Table.ColHeader>
              <Table.ColHeader id="ready-school">School</Table.ColHeader>
              <Table.ColHeader id="ready-role">Enrolled as</Table.ColHeader>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {people.map((p, i) => (
              <Table.Row key={`${p.email}-${i}`}>
                <Table.Cell>{p.row === null ? 'Picked' : `Row ${p.row}`}</Table.Cell>
                <Table.RowHeader>{p.name}</Table.RowHeader>
                <Table.Cell>{p.email}</Table.Cell>
                <Table.Cell>{p.school ?? 'Not given'}</Table.Cell>
                <Table.Cell>{p.role === 'lead' ? 'Lead teacher' : 'Teacher'}</Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
    </View>
  )
}
