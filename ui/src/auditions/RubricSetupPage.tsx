import { useEffect, useState, type FormEvent } from 'react'
import { useParams } from 'react-router'
import { Alert, Button, Heading, Text, View } from '@instructure/ui'
import { ApiError, apiRequest } from '../api'
import { fieldErrorsOf, type FieldErrors } from '../admin/cohorts/fieldErrors'
import { LoadingState } from '../components/LoadingState'
import { StatusMessage } from '../components/StatusMessage'
import type { CohortCompetencies } from '../competencies/types'
import { AppLink } from '../learning/AppLink'
import { useApiData } from '../learning/useApiData'
import { useLandingFocus } from '../learning/useLandingFocus'
import type { AuditionsPageProps } from './AuditionsArea'
import { auditionBase, type Audition, type Criterion } from './auditionTypes'
import { CriterionFields, type LinkableCompetency } from './CriterionFields'

/**
 * A 422 `criterion_competency_invalid` names `protocol.criteria.<i>.competencyIds.<j>`; the form shows it on the
 * criterion's checkbox group, naming the competency (the server does not know the words on screen).
 */
function competencyErrorsOf(e: unknown, criteria: Criterion[], names: Map<string, string>): FieldErrors {
  if (!(e instanceof ApiError) || e.id !== 'criterion_competency_invalid') return {}
  const out: FieldErrors = {}
  for (const f of (e.details as { fields?: { field: string; message: string }[] } | undefined)?.fields ?? []) {
    const m = /^protocol\.criteria\.(\d+)\.competencyIds\.(\d+)$/.exec(f.field)
    if (!m) continue
    const id = criteria[Number(m[1])]?.competencyIds?.[Number(m[2])] ?? ''
    const key = `protocol.criteria.${m[1]}.competencyIds`
    out[key] = `${out[key] ? `${out[key]} ` : ''}${names.get(id) ?? 'A competency'} ${f.message}.`
  }
  return out
}

/** The lead's rubric set-up: each criterion's words and the competencies of the cohort's framework it gives evidence for. */
export function RubricSetupPage({ liveRegion }: AuditionsPageProps) {
  const { cohortId = '', auditionId = '' } = useParams()
  const base = auditionBase(cohortId, auditionId)
  const audition = useApiData<{ audition: Audition }>(base)
  const framework = useApiData<CohortCompetencies>(`/api/cohorts/${cohortId}/competencies`)
  const landing = useLandingFocus()
  const [criteria, setCriteria] = useState<Criterion[] | null>(null)
  const [errors, setErrors] = useState<FieldErrors>({})
  const [notice, setNotice] = useState<{ tone: 'success' | 'error'; text: string } | null>(null)
  const [saving, setSaving] = useState(false)
  const loaded = audition.state.status === 'ready' ? audition.state.data.audition : null
  useEffect(() => {
    if (loaded) setCriteria(loaded.protocol.criteria.map((c) => ({ ...c, competencyIds: c.competencyIds ?? [] })))
  }, [loaded])

  if (audition.state.status === 'loading' || framework.state.status === 'loading' || (loaded && !criteria)) return <LoadingState />
  const failed = audition.state.status === 'error' ? audition.state.error : framework.state.status === 'error' ? framework.state.error : null
  if (failed || !loaded || !criteria) {
    return (
      <StatusMessage tone="error" title="Rubric set-up" liveRegion={liveRegion} onRetry={() => void Promise.all([audition.reload(), framework.reload()])}>
        {failed?.message ?? 'The audition could not be loaded.'}
      </StatusMessage>
    )
  }
  const linkable: LinkableCompetency[] = framework.state.status === 'ready' ? (framework.state.data.competencies ?? []).filter((c) => c.ratable) : []
  const names = new Map(linkable.map((c) => [c.id, `${c.identifier} ${c.title}`]))

  async function save(event: FormEvent) {
    event.preventDefault()
    if (saving || !loaded || !criteria) return
    setSaving(true)
    setNotice(null)
    setErrors({})
    try {
      await apiRequest<{ audition: Audition }>(base, { method: 'PATCH', body: { protocol: { criteria, prompts: loaded.protocol.prompts } } })
      setNotice({ tone: 'success', text: 'Rubric saved. New versions become evidence for the ticked competencies.' })
      await audition.reload()
    } catch (e) {
      const byField = { ...fieldErrorsOf(e), ...competencyErrorsOf(e, criteria, names) }
      setErrors(byField)
      setNotice({ tone: 'error', text: Object.keys(byField).length ? 'The rubric was not saved. Check the fields marked below.' : e instanceof Error ? e.message : 'The rubric was not saved.' })
    } finally {
      setSaving(false)
    }
  }

  return (
    <View as="div" display="block">
      <AppLink to={`/auditions/lead/${cohortId}/${auditionId}`}>Back to the overview</AppLink>
      <Heading level="h1" variant="titlePageMobile" margin="small 0" elementRef={landing} tabIndex={-1}>
        Rubric set-up: {loaded.title}
      </Heading>
      <Text as="p">
        Each criterion can give evidence for competencies of the cohort’s framework. A submitted version then appears in the author’s competency evidence with the peer reviews’ levels on the criterion.
      </Text>
      <form onSubmit={(e) => void save(e)} noValidate>
        {notice && (
          <Alert variant={notice.tone} liveRegion={liveRegion} liveRegionPoliteness={notice.tone === 'error' ? 'assertive' : 'polite'} transition="none" hasShadow={false} margin="small 0">
            {notice.text}
          </Alert>
        )}
        {criteria.length === 0 && <Text as="p">This audition’s protocol has comment prompts only, no rubric criteria.</Text>}
        {criteria.map((c, i) => (
          <CriterionFields key={c.id} index={i} criterion={c} competencies={linkable} errors={errors} onChange={(next) => setCriteria(criteria.map((x, j) => (j === i ? next : x)))} />
        ))}
        {criteria.length > 0 && (
          <Button type="submit" color="primary" interaction={saving ? 'disabled' : 'enabled'}>
            {saving ? 'Saving…' : 'Save rubric'}
          </Button>
        )}
      </form>
    </View>
  )
}
