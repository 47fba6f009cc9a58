import { List, ScreenReaderContent, Table, Text, View } from '@instructure/ui'
import { nameOf } from './competenciesApi'
import { levelAbbreviations, levelWords } from './levels'
import { LevelBadge } from './parts'
import type { Heatmap } from './types'

/** Props for {@link HeatmapTable}. */
export interface HeatmapTableProps {
  heatmap: Heatmap
  cohortTitle: string
}

/** People × competencies, each cell coloured by mastery level and showing the level's short name; a key explains them. */
export function HeatmapTable({ heatmap, cohortTitle }: HeatmapTableProps) {
  const { scale, competencies, people } = heatmap
  const short = levelAbbreviations(scale)
  return (
    <>
      <View as="div" display="block" margin="small 0">
        <Text as="p" weight="bold">
          Key to the levels
        </Text>
        <List isUnstyled margin="0" itemSpacing="xx-small" data-testid="heatmap-key">
          {scale.map((l, i) => (
            <List.Item key={l.position}>
              <LevelBadge scale={scale} position={l.position} variant="short" /> {short[i]}: {levelWords(l)}
              {l.countsAsProficient ? ', proficient' : ''}
            </List.Item>
          ))}
          <List.Item>
            <LevelBadge scale={scale} position={null} variant="short" /> –: not rated yet
          </List.Item>
        </List>
      </View>
      <div className="cmp-heatmap" tabIndex={0} role="region" aria-label="Heatmap table (scrolls sideways on narrow screens)">
        <Table caption={`Mastery levels in ${cohortTitle}: people by competency`} layout="auto" margin="small 0">
          <Table.Head>
            <Table.Row>
              {[
                <Table.ColHeader key="person" id="heatmap-person">
                  Person
                </Table.ColHeader>,
                ...competencies.map((c) => (
                  <Table.ColHeader key={c.id} id={`heatmap-${c.id}`}>
                    <span aria-hidden="true">{c.identifier}</span>
                    <ScreenReaderContent>{`${c.identifier} ${c.title}`}</ScreenReaderContent>
                  </Table.ColHeader>
                ))
              ]}
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {people.map((p) => (
              <Table.Row key={p.userId}>
                {[
                  <Table.RowHeader key="person">
                    {nameOf(p)}
                    {p.school && <Text as="div" size="small">{p.school}</Text>}
                  </Table.RowHeader>,
                  ...p.levels.map((position, i) => (
                    <Table.Cell key={competencies[i]?.id ?? i} textAlign="center">
                      <LevelBadge scale={scale} position={position} variant="short" />
                    </Table.Cell>
                  ))
                ]}
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      </div>
    </>
  )
}

/** Props for {@link HeatmapSummary}. */
export interface HeatmapSummaryProps {
  heatmap: Heatmap
}

/** The heatmap in words: for each competency, how many people are at each level (its text alternative). */
export function HeatmapSummary({ heatmap }: HeatmapSummaryProps) {
  const { scale, competencies, people } = heatmap
  const n = people.length
  return (
    <List margin="0" itemSpacing="x-small" data-testid="heatmap-summary">
      {competencies.map((c, i) => {
        const counts = scale
          .map((l) => ({ label: l.label, count: people.filter((p) => p.levels[i] === l.position).length }))
          .filter((x) => x.count > 0)
          .map((x) => `${x.count} ${x.label}`)
        const unrated = people.filter((p) => p.levels[i] === null).length
        const proficient = people.filter((p) => {
          const pos = p.levels[i]
          return pos !== null && pos !== undefined && scale.find((l) => l.position === pos)?.countsAsProficient
        }).length
        const parts = [...counts, ...(unrated ? [`${unrated} not rated yet`] : [])]
        return (
          <List.Item key={c.id}>
            <Text weight="bold">{`${c.identifier} ${c.title}`}</Text>: {parts.join(', ')}. {proficient} of {n} proficient.
          </List.Item>
        )
      })}
    </List>
  )
}
