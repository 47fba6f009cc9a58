import { Heading, Link, List, Text, View } from '@instructure/ui'
import { AppLink } from '../learning/AppLink'
import { formatDate } from '../learning/format'
import { CriterionRatings } from './CriterionRatings'
import { SOURCE_WORDS } from './parts'
import type { EvidenceView } from './types'

/** Props for {@link EvidenceList}. */
export interface EvidenceListProps {
  evidence: EvidenceView[]
  /** Heading level of each piece's title. */
  level?: 'h3' | 'h4'
  /** What to say when there is none. */
  empty: string
  /** Whose evidence this is from the viewer's side: their own (teacher) or someone they assess (lead). */
  viewer?: 'self' | 'lead'
}

const LEAD_HISTORY = /^#\/auditions\/lead\/([^/]+)\/([^/]+)\/submissions\/[^/]+$/

/**
 * Where a piece of evidence opens. Audition versions point at the lead's history of the submission (an app route,
 * so it stays in this frame with the LTI session); their author opens their own audition page instead.
 */
function inAppRoute(url: string, viewer: 'self' | 'lead'): string | null {
  if (!url.startsWith('#/')) return null
  const lead = LEAD_HISTORY.exec(url)
  if (lead && viewer === 'self') return `/auditions/cohorts/${lead[1]}/${lead[2]}`
  return url.slice(1)
}

/** A timeline of evidence, newest first: title, where it came from, when, whether a rating took it into account. */
export function EvidenceList({ evidence, level = 'h3', empty, viewer = 'lead' }: EvidenceListProps) {
  if (evidence.length === 0) return <Text as="p">{empty}</Text>
  return (
    <List isUnstyled margin="0" itemSpacing="small">
      {evidence.map((e) => (
        <List.Item key={e.id}>
          <View as="div" display="block" className="cmp-timeline" padding="0 0 0 small">
            <Heading level={level} variant="label" margin="0 0 xx-small">
              {e.title}
            </Heading>
            <Text as="div" size="small">
              {SOURCE_WORDS[e.sourceKind] ?? e.sourceKind}, {formatDate(e.createdAt)}. {e.reviewedAt ? 'Taken into account in a rating.' : 'Not rated yet.'}
            </Text>
            {e.criteria && <CriterionRatings criteria={e.criteria} />}
            {e.text && (
              <View as="div" display="block" className="cmp-pre" margin="xx-small 0">
                {e.text}
              </View>
            )}
            {e.url && inAppRoute(e.url, viewer) !== null && (
              <Text as="div">
                <AppLink to={inAppRoute(e.url, viewer)!}>{`Open: ${e.title}`}</AppLink>
              </Text>
            )}
            {e.url && inAppRoute(e.url, viewer) === null && (
              <Text as="div">
                <Link href={e.url} target="_blank" rel="noopener noreferrer">
                  {`Open the link: ${e.title}`}
                </Link>{' '}
                (opens in a new tab)
              </Text>
            )}
            {e.attachmentId && <Text as="div" size="small">A file is attached.</Text>}
          </View>
        </List.Item>
      ))}
    </List>
  )
}
