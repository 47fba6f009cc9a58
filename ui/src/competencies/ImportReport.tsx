import { Heading, Table, Text, View } from '@instructure/ui'
import type { ImportIssue } from './types'

/** Props for {@link ImportReport}. */
export interface ImportReportProps {
  issues: ImportIssue[]
  /** `csv` rows are file lines; `case` rows are item or association numbers. */
  format: 'csv' | 'case'
}

/** The validation report of a refused import: every problem, with the row and column it is in. */
export function ImportReport({ issues, format }: ImportReportProps) {
  return (
    <View as="section" display="block" margin="medium 0" aria-labelledby="import-report-heading">
      <Heading level="h2" variant="titleSection" id="import-report-heading" margin="0 0 x-small">
        {`Problems found: ${issues.length}`}
      </Heading>
      <Text as="p">Nothing was imported. Fix these in the file and import it again.</Text>
      <Table caption="Problems in the file" layout="auto" margin="small 0">
        <Table.Head>
          <Table.Row>
            <Table.ColHeader id="issue-row">{format === 'csv' ? 'Line' : 'Item'}</Table.ColHeader>
            <Table.ColHeader id="issue-field">Column</Table.ColHeader>
            <Table.ColHeader id="issue-message">Problem</Table.ColHeader>
          </Table.Row>
        </Table.Head>
        <Table.Body>
          {issues.map((i, n) => (
            <Table.Row key={n}>
              <Table.RowHeader>{i.row === null ? 'Whole file' : String(i.row)}</Table.RowHeader>
              <Table.Cell>{i.field ?? '–'}</Table.Cell>
              <Table.Cell>{i.message}</Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
    </View>
  )
}
