import { useRef, useState } from 'react'
import { useHref, useLocation, useParams } from 'react-router'
import { Alert, Heading, Link, Text, View } from '@instructure/ui'
import { apiGet, apiRequest } from '../../api'
import type { AdminAreaProps } from '../AdminArea'
import { AddStep } from './AddStep'
import { Announcement, useAnnouncement } from './Announcer'
import { DraftActions } from './DraftActions'
import { messageOf } from './fieldErrors'
import { usePageHeadingFocus } from './focus'
import { formatMinutes } from './format'
import { ModuleFieldsForm, type ModuleFields } from './ModuleFieldsForm'
import { ModulePreviewModal } from './ModulePreview'
import { PageError, PageLoading } from './PageStates'
import { moveItem, type Direction } from './ReorderButtons'
import type { StepInput } from './StepForm'
import { StepList } from './StepList'
import type { ModuleDraft, ModulePreview, StepKind } from './types'
import { useLoad } from './useLoad'

/** The module editor: the draft's fields and steps, preview as a teacher, publish or discard. */
export function ModuleEditorPage({ liveRegion }: AdminAreaProps) {
  const headingRef = usePageHeadingFocus()
  const { cohortId = '', moduleId = '' } = useParams()
  const notice = (useLocation().state as { notice?: string } | null)?.notice
  const back = useHref(`/admin/cohorts/${cohortId}`)
  const base = `/api/cohorts/${cohortId}/modules/${moduleId}`
  const { state, reload, set } = useLoad((signal) => apiGet<ModuleDraft>(`${base}/draft`, signal), base)
  const { message, announce } = useAnnouncement()
  const [status, setStatus] = useState<{ tone: 'success' | 'error'; text: string } | null>(null)
  const [preview, setPreview] = useState<ModulePreview | null>(null)
  const [focus, setFocus] = useState<{ id: string; direction: Direction } | null>(null)
  const saving = useRef(Promise.resolve())
  // Discarding puts the published values back: the details form starts again from them.
  const [formKey, setFormKey] = useState(0)
  // A deleted step's buttons are gone: focus goes to the list's heading instead of the page's start.
  const stepsHeading = useRef<HTMLElement | null>(null)

  if (state.status === 'loading') return <PageLoading title="Edit module" what="Loading the module" />
  if (state.status === 'error') return <PageError error={state.error} liveRegion={liveRegion} onRetry={reload} />
  const draft = state.data

  /** Sends one change to the draft and shows the draft the server answers with (errors go to the caller). */
  async function change(path: string, method: 'POST' | 'PATCH' | 'PUT' | 'DELETE', body?: unknown): Promise<ModuleDraft> {
    const next = await apiRequest<ModuleDraft>(`${base}${path}`, { method, body })
    set(next)
    return next
  }

  // Actions whose failures are not about a field: say so in the page's status alert.
  async function act(work: () => Promise<void>) {
    setStatus(null)
    try {
      await work()
    } catch (e) {
      setStatus({ tone: 'error', text: messageOf(e) })
    }
  }

  function moveStep(index: number, direction: Direction) {
    const steps = moveItem(draft.steps, index, direction)
    const step = draft.steps[index]
    if (!step) return
    set({ ...draft, steps })
    setFocus({ id: step.stepId, direction })
    announce(`“${step.title}” moved to position ${steps.indexOf(step) + 1} of ${steps.length}.`)
    saving.current = saving.current.then(() =>
      change('/draft/steps/order', 'PUT', { stepIds: steps.map((s) => s.stepId) }).then(
        () => undefined,
        (e: unknown) => {
          setStatus({ tone: 'error', text: `The new order was not saved. ${messageOf(e)}` })
          reload()
        }
      )
    )
  }

  return (
    <View as="div" display="block">
      <View as="nav" display="block" margin="0 0 small" aria-label="Cohort">
        <Link href={back}>Back to the cohort</Link>
      </View>
      <Heading level="h1" variant="titlePageMobile" margin="0 0 x-small" tabIndex={-1} elementRef={headingRef}>
        Edit module: {draft.title}
      </Heading>
      <Text as="p">
        {draft.hasUnpublishedChanges
          ? draft.basedOnVersion === null
            ? 'Not published yet: staff cannot see this module.'
            : `Draft with unpublished changes. Staff see version ${draft.basedOnVersion} until you publish.`
          : `Published version ${draft.basedOnVersion}. Your first change starts a new draft; staff see nothing of it until you publish.`}
      </Text>
      {notice && !status && (
        <Alert variant="info" liveRegion={liveRegion} margin="small 0" hasShadow={false}>
          {notice}
        </Alert>
      )}
      {status && (
        <Alert variant={status.tone} liveRegion={liveRegion} liveRegionPoliteness={status.tone === 'error' ? 'assertive' : 'polite'} margin="small 0" hasShadow={false}>
          {status.text}
        </Alert>
      )}
      <Announcement message={message} liveRegion={liveRegion} />
      <DraftActions
        draft={draft}
        onPreview={() => act(async () => setPreview(await apiGet<ModulePreview>(`${base}/draft/preview`)))}
        onPublish={() =>
          act(async () => {
            const published = await apiRequest<ModuleDraft>(`${base}/publish`, { method: 'POST' })
            set(published)
            setStatus({ tone: 'success', text: `Published version ${published.basedOnVersion}. Staff see it now.` })
          })
        }
        onDiscard={() =>
          act(async () => {
            await change('/draft', 'DELETE')
            setFormKey((k) => k + 1)
            setStatus({ tone: 'success', text: 'Draft discarded. The module is as it was last published.' })
          })
        }
      />
      <ModuleFieldsForm key={formKey} draft={draft} liveRegion={liveRegion} onSave={async (fields: ModuleFields) => void (await change('/draft', 'PATCH', fields))} />
      <View as="section" display="block" margin="large 0" aria-labelledby="steps-heading">
        <Heading level="h2" variant="titleSection" id="steps-heading" margin="0 0 x-small" tabIndex={-1} elementRef={(el) => void (stepsHeading.current = el as HTMLElement | null)}>
          Steps
        </Heading>
        <Text as="p" size="small">
          {draft.steps.length} {draft.steps.length === 1 ? 'step' : 'steps'}, about {formatMinutes(draft.estimatedMinutes)} in all.
        </Text>
        <StepList
          steps={draft.steps}
          focus={focus}
          liveRegion={liveRegion}
          onMove={moveStep}
          onEdit={async (stepId, input: StepInput) => {
            await change(`/draft/steps/${stepId}`, 'PATCH', input)
            announce(`Step “${input.title}” saved.`)
          }}
          onDelete={(step) =>
            act(async () => {
              await change(`/draft/steps/${step.stepId}`, 'DELETE')
              stepsHeading.current?.focus()
              announce(`Step “${step.title}” deleted from the draft.`)
            })
          }
        />
        <AddStep
          liveRegion={liveRegion}
          onAdd={async (kind: StepKind, input: StepInput) => {
            await change('/draft/steps', 'POST', { kind, ...input })
            announce(`Step “${input.title}” added at the end.`)
          }}
        />
      </View>
      <ModulePreviewModal preview={preview} onClose={() => setPreview(null)} />
    </View>
  )
}
