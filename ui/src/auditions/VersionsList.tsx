import { Heading, Text, ToggleDetails, View } from '@instructure/ui'
import { formatDate } from '../learning/format'
import { PlainText } from '../learning/player/ConflictPanel'
import type { Version } from './auditionTypes'
import { ContextView, WorkView } from './WorkView'

/** Every submitted version, newest first, each expandable to its work, context and "what I changed" note. */
export function VersionsList({ versions, title = 'Your versions' }: { versions: Version[]; title?: string }) {
  return (
    <View as="section" display="block" margin="medium 0" aria-labelledby="versions-heading">
      <Heading level="h2" variant="titleSection" id="versions-heading" margin="0 0 x-small">
        {title}
      </Heading>
      {[...versions].reverse().map((v) => (
        <View as="div" display="block" margin="x-small 0" key={v.number} data-testid={`version-${v.number}`}>
          <ToggleDetails summary={`Version ${v.number}, submitted ${formatDate(v.submittedAt)}`}>
            {v.whatChanged && (
              <>
                <Heading level="h3" variant="label">
                  What changed
                </Heading>
                <PlainText text={v.whatChanged} />
              </>
            )}
            <ContextView context={v.context} headingLevel="h3" />
            <WorkView work={v.work} headingLevel="h3" />
          </ToggleDetails>
        </View>
      ))}
      {versions.length === 0 && <Text color="secondary">Nothing submitted yet.</Text>}
    </View>
  )
}
