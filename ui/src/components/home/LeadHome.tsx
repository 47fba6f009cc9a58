import { useEffect, useId, useState } from 'react'
import { Alert, Flex, Heading, Link, List, Spinner, Text, View } from '@instructure/ui'
import { ApiError, apiGet } from '../../api'

interface CohortListItem {
  id: string
  title: string
  counts: { members: number; modules: number }
}

type Cohorts = { status: 'loading' } | { status: 'ready'; cohorts: CohortListItem[] } | { status: 'error'; message: string }

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`

/** Home for lead teachers: the course's cohorts with a link to each one's progress, and their own learning. */
export function LeadHome() {
  const cohortsHeading = useId()
  const learningHeading = useId()
  const [state, setState] = useState<Cohorts>({ status: 'loading' })

  useEffect(() => {
    const controller = new AbortController()
    apiGet<{ cohorts: CohortListItem[] }>('/api/cohorts', controller.signal).then(
      ({ cohorts }) => setState({ status: 'ready', cohorts }),
      (e: unknown) => {
        if (!controller.signal.aborted) setState({ status: 'error', message: e instanceof ApiError ? e.message : String(e) })
      }
    )
    return () => controller.abort()
  }, [])

  return (
    <View as="div" display="block">
      <Heading level="h1" variant="titlePageMobile" margin="0 0 small">
        Your lead-teacher workspace
      </Heading>
      <Text as="p" variant="descriptionPage">
        Support your colleagues’ learning, a few minutes at a time: see how each cohort is getting on.
      </Text>
      <View as="section" display="block" margin="medium 0" aria-labelledby={cohortsHeading}>
        <Heading level="h2" variant="titleModule" id={cohortsHeading} margin="0 0 small">
          Cohorts in this course
        </Heading>
        {state.status === 'loading' && <Spinner renderTitle="Loading the cohorts" size="small" />}
        {state.status === 'error' && (
          <Alert variant="error" transition="none" hasShadow={false}>
            {state.message}
          </Alert>
        )}
        {state.status === 'ready' && state.cohorts.length === 0 && (
          <Text as="p">There are no cohorts in this course yet. When an administrator sets one up, it will appear here.</Text>
        )}
        {state.status === 'ready' && state.cohorts.length > 0 && (
          <List margin="0" itemSpacing="small">
            {state.cohorts.map((c) => (
              <List.Item key={c.id}>
                <Text as="div" weight="bold">{c.title}</Text>
                <Text as="div" size="small">
                  {count(c.counts.members, 'member', 'members')}, {count(c.counts.modules, 'module', 'modules')}
                </Text>
                <Flex as="div" gap="small" wrap="wrap">
                  <Link href={`#/admin/cohorts/${encodeURIComponent(c.id)}/progress`}>Progress in {c.title}</Link>
                  <Link href={`#/admin/cohorts/${encodeURIComponent(c.id)}/roster`}>Roster of {c.title}</Link>
                  <Link href={`#/reports/cohorts/${encodeURIComponent(c.id)}`}>Reports for {c.title}</Link>
                </Flex>
              </List.Item>
            ))}
          </List>
        )}
      </View>
      <View as="nav" display="block" margin="medium 0" aria-label="Assessing and feedback">
        <Flex gap="medium" wrap="wrap">
          <Link href="#/competencies">Grading queue and competencies</Link>
          <Link href="#/auditions">Auditions you lead</Link>
        </Flex>
      </View>
      <View as="section" display="block" margin="medium 0" aria-labelledby={learningHeading}>
        <Heading level="h2" variant="titleModule" id={learningHeading} margin="0 0 small">
          Your own learning
        </Heading>
        <Link href="#/my-learning">My learning</Link>
        <Text as="p" color="secondary">
          Your own modules, for when you are learning alongside your colleagues.
        </Text>
      </View>
    </View>
  )
}
