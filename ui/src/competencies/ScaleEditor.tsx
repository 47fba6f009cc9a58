import { useState } from 'react'
import { Alert, Button, Checkbox, Flex, Heading, Table, TextInput, View } from '@instructure/ui'
import { apiRequest } from '../api'
import { importIssuesOf, paths } from './competenciesApi'
import type { Framework, ScaleLevel } from './types'

type Draft = { label: string; points: string; countsAsProficient: boolean; description: string }
const toDraft = (s: ScaleLevel[]): Draft[] => s.map((l) => ({ label: l.label, points: String(l.points), countsAsProficient: l.countsAsProficient, description: l.description }))

/** Props for {@link ScaleEditor}. */
export interface ScaleEditorProps {
  framework: Framework
  editable: boolean
  liveRegion: () => HTMLElement | null
  onSaved: (f: Framework, message: string) => void
}

/** The framework's proficiency scale: each level's name, points and "counts as proficient"; admins change it. */
export function ScaleEditor({ framework, editable, liveRegion, onSaved }: ScaleEditorProps) {
  const [levels, setLevels] = useState<Draft[]>(() => toDraft(framework.scale))
  const [problems, setProblems] = useState<string[]>([])
  const [busy, setBusy] = useState(false)
  const set = (i: number, change: Partial<Draft>) => setLevels((ls) => ls.map((l, j) => (j === i ? { ...l, ...change } : l)))

  async function save() {
    setBusy(true)
    setProblems([])
    try {
      const scale = levels.map((l) => ({ label: l.label.trim(), points: Number(l.points), countsAsProficient: l.countsAsProficient, description: l.description }))
      const f = await apiRequest<Framework>(paths.framework(framework.id), { method: 'PATCH', body: { scale } })
      onSaved(f, 'Scale saved.')
    } catch (e) {
      const issues = importIssuesOf(e)
      setProblems(issues.length ? issues.map((i) => (i.row === null ? i.message : `Level ${i.row}: ${i.message}`)) : [e instanceof Error ? e.message : 'The scale was not saved.'])
    } finally {
      setBusy(false)
    }
  }

  return (
    <View as="section" display="block" margin="medium 0" aria-labelledby="scale-heading">
      <Heading level="h2" variant="titleSection" id="scale-heading" margin="0 0 small">
        Scale levels, lowest first
      </Heading>
      {problems.length > 0 && (
        <Alert variant="error" liveRegion={liveRegion} transition="none" hasShadow={false} margin="0 0 small">
          {`The scale was not saved. ${problems.join(' ')}`}
        </Alert>
      )}
      <Table caption="Levels of the scale" layout="auto">
        <Table.Head>
          <Table.Row>
            <Table.ColHeader id="scale-label">Level</Table.ColHeader>
            <Table.ColHeader id="scale-points">Points</Table.ColHeader>
            <Table.ColHeader id="scale-proficient">Counts as proficient</Table.ColHeader>
          </Table.Row>
        </Table.Head>
        <Table.Body>
          {levels.map((l, i) => (
            <Table.Row key={i}>
              <Table.RowHeader>{editable ? <TextInput renderLabel={`Name of level ${i + 1}`} value={l.label} onChange={(_e, v) => set(i, { label: v })} /> : l.label}</Table.RowHeader>
              <Table.Cell>{editable ? <TextInput renderLabel={`Points of level ${i + 1}`} value={l.points} onChange={(_e, v) => set(i, { points: v })} width="6rem" /> : l.points}</Table.Cell>
              <Table.Cell>
                {editable ? <Checkbox label={`Level ${i + 1} counts as proficient`} checked={l.countsAsProficient} onChange={(e) => set(i, { countsAsProficient: e.target.checked })} /> : l.countsAsProficient ? 'Yes' : 'No'}
              </Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
      {editable && (
        <Flex gap="small" wrap="wrap" margin="small 0">
          <Button onClick={() => setLevels((ls) => [...ls, { label: '', points: String(Number(ls[ls.length - 1]?.points ?? 0) + 1), countsAsProficient: true, description: '' }])} interaction={levels.length >= 10 ? 'disabled' : 'enabled'}>
            Add a level
          </Button>
          <Button onClick={() => setLevels((ls) => ls.slice(0, -1))} interaction={levels.length <= 2 ? 'disabled' : 'enabled'}>
            Remove the highest level
          </Button>
          <Button color="primary" onClick={() => void save()} interaction={busy ? 'disabled' : 'enabled'}>
            Save scale
          </Button>
        </Flex>
      )}
    </View>
  )
}
