import { Heading, Link, List, Text, View } from '@instructure/ui'
import { PlainText } from '../learning/player/ConflictPanel'
import { AttachedFiles } from './AttachedFiles'
import type { Work, WorkContext } from './auditionTypes'

/** The classroom-context fields with their plain-language labels. */
export const CONTEXT_FIELDS: { key: keyof WorkContext; label: string; readLabel: string; required: boolean }[] = [
  { key: 'gradeLevel', label: 'Grade level', readLabel: 'Grade level', required: true },
  { key: 'subject', label: 'Subject', readLabel: 'Subject', required: true },
  { key: 'students', label: 'The students', readLabel: 'The students', required: true },
  { key: 'tried', label: 'What I have tried', readLabel: 'What was tried', required: false },
  { key: 'feedbackWanted', label: 'The feedback I would like', readLabel: 'Feedback wanted', required: true }
]

/** The classroom context, as a description list. */
export function ContextView({ context, headingLevel = 'h2' }: { context: WorkContext; headingLevel?: 'h2' | 'h3' | 'h4' }) {
  return (
    <View as="section" display="block" margin="small 0">
      <Heading level={headingLevel} variant="titleSection" margin="0 0 x-small">
        The classroom context
      </Heading>
      <dl>
        {CONTEXT_FIELDS.map((f) => (
          <div key={f.key}>
            <dt>
              <Text weight="bold">{f.readLabel}</Text>
            </dt>
            <dd style={{ marginInlineStart: 0, marginBottom: '0.5rem' }}>
              <PlainText text={context[f.key]} />
            </dd>
          </div>
        ))}
      </dl>
    </View>
  )
}

/** The work: text, links and its files as download links. */
export function WorkView({ work, headingLevel = 'h2', title = 'The work' }: { work: Work; headingLevel?: 'h2' | 'h3' | 'h4'; title?: string }) {
  return (
    <View as="section" display="block" margin="small 0">
      <Heading level={headingLevel} variant="titleSection" margin="0 0 x-small">
        {title}
      </Heading>
      {work.text.trim() && <PlainText text={work.text} />}
      {work.links.length > 0 && (
        <List margin="x-small 0">
          {work.links.map((l, i) => (
            <List.Item key={i}>
              <Link href={l.url} target="_blank" rel="noopener noreferrer">
                {l.title || l.url} (opens in a new tab)
              </Link>
            </List.Item>
          ))}
        </List>
      )}
      {work.attachmentIds.length > 0 && (
        <>
          <Text as="p" color="secondary">
            {work.attachmentIds.length === 1 ? 'One file is attached:' : `${work.attachmentIds.length} files are attached:`}
          </Text>
          <AttachedFiles ids={work.attachmentIds} />
        </>
      )}
    </View>
  )
}
