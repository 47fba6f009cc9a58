import { Table, Text } from '@instructure/ui'
import { formatDate } from '../learning/format'
import { LevelBadge } from './parts'
import type { RatingView, ScaleLevel } from './types'

/** Props for {@link RatingHistory}. */
export interface RatingHistoryProps {
  ratings: RatingView[]
  scale: ScaleLevel[]
  /** The table's caption, e.g. "Rating history of COL.1". */
  caption: string
}

/** Every rating of one competency, newest first: when, the level, who rated, the comment and the evidence it used. */
export function RatingHistory({ ratings, scale, caption }: RatingHistoryProps) {
  if (ratings.length === 0) return <Text as="p">No ratings yet.</Text>
  const newestFirst = [...ratings].reverse()
  return (
    <Table caption={caption} layout="auto" margin="0 0 medium">
      <Table.Head>
        <Table.Row>
          <Table.ColHeader id="ratings-when">When</Table.ColHeader>
          <Table.ColHeader id="ratings-level">Level</Table.ColHeader>
          <Table.ColHeader id="ratings-by">Rated by</Table.ColHeader>
          <Table.ColHeader id="ratings-comment">Comment</Table.ColHeader>
          <Table.ColHeader id="ratings-evidence">Evidence used</Table.ColHeader>
        </Table.Row>
      </Table.Head>
      <Table.Body>
        {newestFirst.map((r) => (
          <Table.Row key={r.id}>
            <Table.RowHeader>{formatDate(r.ratedAt)}</Table.RowHeader>
            <Table.Cell>
              <LevelBadge scale={scale} position={r.levelPosition} />
            </Table.Cell>
            <Table.Cell>{r.ratedBy?.name ?? 'Someone unnamed'}</Table.Cell>
            <Table.Cell>{r.comment || <Text color="secondary">No comment</Text>}</Table.Cell>
            <Table.Cell>{r.evidenceIds.length === 0 ? 'None named' : `${r.evidenceIds.length} ${r.evidenceIds.length === 1 ? 'piece' : 'pieces'}`}</Table.Cell>
          </Table.Row>
        ))}
      </Table.Body>
    </Table>
  )
}
