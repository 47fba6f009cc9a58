import { useState } from 'react'
import { useLocation, useParams } from 'react-router'
import { Alert, Button, Flex, Heading, List, Pill, Text, View } from '@instructure/ui'
import { apiRequest } from '../api'
import { useApiData } from '../learning/useApiData'
import { useLandingFocus } from '../learning/useLandingFocus'
import { DownloadCsvButton } from '../reports/DownloadCsvButton'
import type { CompetenciesAreaProps } from './CompetenciesArea'
import { paths, routes } from './competenciesApi'
import { FrameworkDetailsForm } from './FrameworkDetailsForm'
import { NodeForm } from './NodeForm'
import { BackNav, PageError, PageLoading } from './parts'
import { ScaleEditor } from './ScaleEditor'
import { depthOf } from './tree'
import type { Framework } from './types'

const KIND_WORDS = { domain: 'Domain', competency: 'Competency', indicator: 'Indicator' } as const

/** A framework: its scale and its tree; admins add, edit and remove competencies and change the scale. */
export function FrameworkEditorPage({ me, liveRegion }: CompetenciesAreaProps) {
  const { frameworkId = '' } = useParams()
  const location = useLocation()
  const { state, reload } = useApiData<Framework>(paths.framework(frameworkId))
  const landing = useLandingFocus()
  const [current, setCurrent] = useState<Framework | null>(null)
  const [notice, setNotice] = useState<{ n: number; text: string; tone: 'success' | 'error' } | null>(() => {
    const text = (location.state as { notice?: string } | null)?.notice
    return text ? { n: 0, text, tone: 'success' } : null
  })
  const [editing, setEditing] = useState<string | null>(null)
  if (state.status === 'loading') return <PageLoading title="Framework" what="Loading the framework" />
  if (state.status === 'error') return <PageError error={state.error} liveRegion={liveRegion} onRetry={() => void reload()} />
  const f = current && current.id === state.data.id ? current : state.data
  const editable = me.role === 'admin' && !f.builtIn
  const depth = depthOf(f.competencies)
  const say = (text: string, tone: 'success' | 'error' = 'success') => setNotice((n) => ({ n: (n?.n ?? 0) + 1, text, tone }))
  const saved = (next: Framework, message: string) => {
    setCurrent(next)
    setEditing(null)
    say(message)
  }

  async function remove(nodeId: string, name: string) {
    try {
      await apiRequest(paths.frameworkNode(f.id, nodeId), { method: 'DELETE' })
      setCurrent(await apiRequest<Framework>(paths.framework(f.id)))
      say(`Removed ${name} and anything under it.`)
    } catch (e) {
      say(e instanceof Error ? e.message : 'Not removed.', 'error')
    }
  }

  return (
    <View as="div" display="block">
      <BackNav to={routes.frameworks}>All frameworks</BackNav>
      <Heading level="h1" variant="titlePageMobile" margin="0 0 small" elementRef={landing} tabIndex={-1}>
        {f.title}
      </Heading>
      {f.builtIn && <Pill margin="0 0 small">Built-in, read-only: copy it from the framework list to adapt it</Pill>}
      {f.description && <Text as="p" data-testid="framework-description">{f.description}</Text>}
      {editable && <FrameworkDetailsForm framework={f} liveRegion={liveRegion} onSaved={saved} />}
      {notice && (
        <Alert key={notice.n} variant={notice.tone} liveRegion={liveRegion} liveRegionPoliteness="polite" transition="none" hasShadow={false} margin="small 0">
          {notice.text}
        </Alert>
      )}
      <Flex gap="x-small" wrap="wrap" margin="small 0">
        <DownloadCsvButton path={paths.exportCsv(f.id)} label="Export as CSV" fileName="framework.csv" liveRegion={liveRegion} />
        <DownloadCsvButton path={paths.exportCase(f.id)} label="Export as CASE JSON" fileName="framework.case.json" liveRegion={liveRegion} />
      </Flex>
      <ScaleEditor key={f.updatedAt} framework={f} editable={editable} liveRegion={liveRegion} onSaved={saved} />
      <View as="section" display="block" margin="medium 0" aria-labelledby="tree-heading">
        <Heading level="h2" variant="titleSection" id="tree-heading" margin="0 0 small">
          {`Competencies (${f.competencies.length})`}
        </Heading>
        {f.competencies.length === 0 && <Text as="p">No competencies yet.{editable ? ' Add the first one below.' : ''}</Text>}
        <List isUnstyled margin="0" itemSpacing="x-small" data-testid="framework-tree">
          {f.competencies.map((c) => (
            <List.Item key={c.id}>
              <View as="div" display="block" padding={`0 0 0 ${['0', 'large', 'x-large'][Math.min(depth.get(c.id) ?? 0, 2)]}`}>
                <Text weight="bold">{`${c.identifier} ${c.title}`}</Text> <Text size="small">({KIND_WORDS[c.kind]})</Text>
                {c.description && <Text as="div" size="small">{c.description}</Text>}
                {editable && editing !== c.id && (
                  <Flex gap="x-small" margin="xx-small 0 0">
                    <Button size="small" onClick={() => setEditing(c.id)}>{`Edit ${c.identifier}`}</Button>
                    <Button size="small" onClick={() => void remove(c.id, c.identifier)}>{`Remove ${c.identifier}`}</Button>
                  </Flex>
                )}
                {editable && editing === c.id && (
                  <View as="div" display="block" padding="small" borderWidth="small" margin="x-small 0">
                    <NodeForm framework={f} node={c} liveRegion={liveRegion} onSaved={saved} onCancel={() => setEditing(null)} />
                  </View>
                )}
              </View>
            </List.Item>
          ))}
        </List>
      </View>
      {editable && (
        <View as="section" display="block" margin="medium 0" padding="medium" borderWidth="small" borderRadius="medium" aria-labelledby="add-node-heading">
          <Heading level="h2" variant="titleSection" id="add-node-heading" margin="0 0 small">
            Add a domain, competency or indicator
          </Heading>
          <NodeForm framework={f} liveRegion={liveRegion} onSaved={saved} />
        </View>
      )}
    </View>
  )
}
