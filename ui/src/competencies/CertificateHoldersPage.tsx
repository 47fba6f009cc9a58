import { useParams } from 'react-router'
import { Heading, Table, Text, View } from '@instructure/ui'
import { AppLink } from '../learning/AppLink'
import { useApiData } from '../learning/useApiData'
import { useLandingFocus } from '../learning/useLandingFocus'
import type { CompetenciesAreaProps } from './CompetenciesArea'
import { nameOf, paths, routes } from './competenciesApi'
import { BackNav, PageError, PageLoading } from './parts'
import type { CertificateHolders } from './types'

const TITLE = 'Certificates'
const shortDate = (iso: string) => new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' })

/** Who in the leader's course holds the cohort's certificate, with a way to each certificate page. */
export function CertificateHoldersPage({ liveRegion }: CompetenciesAreaProps) {
  const { cohortId = '' } = useParams()
  const cohort = useApiData<{ id: string; title: string }>(`/api/cohorts/${encodeURIComponent(cohortId)}`)
  const holders = useApiData<CertificateHolders>(paths.holders(cohortId))
  const landing = useLandingFocus()
  if (cohort.state.status === 'loading' || holders.state.status === 'loading') return <PageLoading title={TITLE} what="Loading the certificate holders" />
  if (cohort.state.status === 'error') return <PageError error={cohort.state.error} liveRegion={liveRegion} onRetry={() => void cohort.reload()} />
  if (holders.state.status === 'error') return <PageError error={holders.state.error} liveRegion={liveRegion} onRetry={() => void holders.reload()} />
  const list = holders.state.data.certificates
  const title = cohort.state.data.title

  return (
    <View as="div" display="block">
      <BackNav to={routes.home}>All cohorts</BackNav>
      <Heading level="h1" variant="titlePageMobile" margin="0 0 small" elementRef={landing} tabIndex={-1}>
        {`${TITLE}: ${title}`}
      </Heading>
      <Text as="p" variant="descriptionPage">
        A certificate is issued once someone is rated proficient in every competency of the cohort’s credential. It is never withdrawn.
      </Text>
      {list.length === 0 ? (
        <Text as="p" data-testid="holders-empty">
          Nobody in your course holds this cohort’s certificate yet.
        </Text>
      ) : (
        <Table caption={`Certificate holders in ${title} (${list.length})`} layout="auto" margin="medium 0">
          <Table.Head>
            <Table.Row>
              <Table.ColHeader id="holders-person">Person</Table.ColHeader>
              <Table.ColHeader id="holders-school">School</Table.ColHeader>
              <Table.ColHeader id="holders-title">Certificate</Table.ColHeader>
              <Table.ColHeader id="holders-issued">Issued</Table.ColHeader>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {list.map((h) => (
              <Table.Row key={h.id}>
                <Table.RowHeader>
                  <AppLink to={routes.certificate(cohortId, h.person.userId)}>{`Certificate of ${nameOf(h.person)}`}</AppLink>
                </Table.RowHeader>
                <Table.Cell>{h.person.school ?? 'Not recorded'}</Table.Cell>
                <Table.Cell>{h.title}</Table.Cell>
                <Table.Cell>{shortDate(h.issuedAt)}</Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
    </View>
  )
}
