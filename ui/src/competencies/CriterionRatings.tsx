import { List, Text, View } from '@instructure/ui'
import type { CriterionEvidenceView } from './types'

/** "Proficient ×2, Developing ×1": each level given, highest first. */
export const levelCounts = (c: CriterionEvidenceView): string => c.levels.map((l) => `${l.label} ×${l.count}`).join(', ')

/**
 * The rubric criteria a piece of evidence came through, with the peer reviews' levels on each. Reviewer names
 * appear only when the API sent them (leads; authors of auditions that name reviewers).
 */
export function CriterionRatings({ criteria }: { criteria: CriterionEvidenceView[] }) {
  if (criteria.length === 0) return null
  return (
    <View as="div" display="block" margin="xx-small 0">
      {criteria.map((c) => (
        <View as="div" display="block" key={c.id} margin="0 0 xx-small">
          <Text as="p">
            <Text weight="bold">{`Peer ratings on ‘${c.title}’:`}</Text> {c.ratings === 0 ? 'no peer reviews yet.' : levelCounts(c)}
          </Text>
          {c.reviewers && c.reviewers.length > 0 && (
            <List margin="0 0 0 small" size="small" aria-label={`Who rated ‘${c.title}’`}>
              {c.reviewers.map((r, i) => (
                <List.Item key={i}>{`${r.name ?? 'A reviewer'}: ${r.label}`}</List.Item>
              ))}
            </List>
          )}
        </View>
      ))}
    </View>
  )
}
