import { useState } from 'react'
import { useNavigate } from 'react-router'
import { Alert, Button, Flex, Heading, Pill, Table, Text, TextInput, View } from '@instructure/ui'
import { apiRequest } from '../api'
import { fieldErrorsOf, messagesFor, type FieldErrors } from '../admin/cohorts/fieldErrors'
import { AppLink } from '../learning/AppLink'
import { formatDate } from '../learning/format'
import { useApiData } from '../learning/useApiData'
import { useLandingFocus } from '../learning/useLandingFocus'
import { DownloadCsvButton } from '../reports/DownloadCsvButton'
import type { CompetenciesAreaProps } from './CompetenciesArea'
import { paths, routes } from './competenciesApi'
import { BackNav, PageError, PageLoading } from './parts'
import type { Framework, FrameworkSummary } from './types'

const TITLE = 'Competency frameworks'

/** The course's frameworks and the built-in starter: open, export; admins create, copy and import. */
export function FrameworkListPage({ me, liveRegion }: CompetenciesAreaProps) {
  const { state, reload } = useApiData<{ frameworks: FrameworkSummary[] }>(paths.frameworks)
  const landing = useLandingFocus()
  const navigate = useNavigate()
  const [title, setTitle] = useState('')
  const [fields, setFields] = useState<FieldErrors>({})
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const admin = me.role === 'admin'
  if (state.status === 'loading') return <PageLoading title={TITLE} what="Loading the frameworks" />
  if (state.status === 'error') return <PageError error={state.error} liveRegion={liveRegion} onRetry={() => void reload()} />

  async function create(path: string, body: object, what: string) {
    setBusy(true)
    setError(null)
    try {
      const f = await apiRequest<Framework>(path, { method: 'POST', body })
      navigate(routes.framework(f.id))
    } catch (e) {
      const byField = fieldErrorsOf(e)
      setFields(byField)
      setError(Object.keys(byField).length ? `The framework was not ${what}. Check the field marked below.` : e instanceof Error ? e.message : `The framework was not ${what}.`)
      setBusy(false)
    }
  }

  return (
    <View as="div" display="block">
      <BackNav to={routes.home}>Competencies</BackNav>
      <Heading level="h1" variant="titlePageMobile" margin="0 0 small" elementRef={landing} tabIndex={-1}>
        {TITLE}
      </Heading>
      <Text as="p" variant="descriptionPage">
        A framework lists the competencies staff are rated on and the levels of its scale.{admin ? ' The built-in starter cannot be changed: copy it and adapt the copy.' : ''}
      </Text>
      {error && (
        <Alert variant="error" liveRegion={liveRegion} transition="none" hasShadow={false} margin="0 0 small">
          {error}
        </Alert>
      )}
      <Table caption="Frameworks you can use" layout="auto" margin="medium 0">
        <Table.Head>
          <Table.Row>
            <Table.ColHeader id="fw-title">Framework</Table.ColHeader>
            <Table.ColHeader id="fw-count">Competencies</Table.ColHeader>
            <Table.ColHeader id="fw-updated">Last changed</Table.ColHeader>
            <Table.ColHeader id="fw-actions">Export{admin ? ' and copy' : ''}</Table.ColHeader>
          </Table.Row>
        </Table.Head>
        <Table.Body>
          {state.data.frameworks.map((f) => (
            <Table.Row key={f.id}>
              <Table.RowHeader>
                <AppLink to={routes.framework(f.id)}>{f.title}</AppLink> {f.builtIn && <Pill margin="0 0 0 x-small">Built-in</Pill>}
              </Table.RowHeader>
              <Table.Cell>{f.competencyCount}</Table.Cell>
              <Table.Cell>{formatDate(f.updatedAt, true)}</Table.Cell>
              <Table.Cell>
                <Flex gap="x-small" wrap="wrap">
                  <DownloadCsvButton path={paths.exportCsv(f.id)} label={`CSV of ${f.title}`} fileName="framework.csv" liveRegion={liveRegion} />
                  <DownloadCsvButton path={paths.exportCase(f.id)} label={`CASE JSON of ${f.title}`} fileName="framework.case.json" liveRegion={liveRegion} />
                  {admin && (
                    <Button onClick={() => void create(`${paths.framework(f.id)}/copy`, {}, 'copied')} interaction={busy ? 'disabled' : 'enabled'}>
                      {`Copy ${f.title}`}
                    </Button>
                  )}
                </Flex>
              </Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
      {admin && (
        <View as="section" display="block" margin="medium 0" aria-labelledby="fw-new-heading">
          <Heading level="h2" variant="titleSection" id="fw-new-heading" margin="0 0 small">
            New framework
          </Heading>
          <form
            noValidate
            onSubmit={(e) => {
              e.preventDefault()
              void create(paths.frameworks, { title: title.trim() }, 'created')
            }}
          >
            <Flex gap="small" alignItems="end" wrap="wrap">
              <TextInput renderLabel="Framework name" value={title} onChange={(_e, v) => setTitle(v)} width="20rem" messages={messagesFor(fields, 'title', 'Starts with the usual four levels; you can change them.')} />
              <Button type="submit" color="primary" interaction={busy ? 'disabled' : 'enabled'}>
                Create framework
              </Button>
            </Flex>
          </form>
          <Text as="p">
            Or <AppLink to={routes.importFramework}>import a framework from a CSV or CASE file</AppLink>.
          </Text>
        </View>
      )}
    </View>
  )
}
