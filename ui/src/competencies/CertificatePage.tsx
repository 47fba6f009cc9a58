import { useState } from 'react'
import { useParams } from 'react-router'
import { Alert, Button, Flex, Heading, Table, Text, View } from '@instructure/ui'
import { saveBlob } from '../components/saveBlob'
import { useApiData } from '../learning/useApiData'
import { useLandingFocus } from '../learning/useLandingFocus'
import type { CompetenciesAreaProps } from './CompetenciesArea'
import { nameOf, paths, routes } from './competenciesApi'
import { BackNav, PageError, PageLoading } from './parts'
import type { CertificateAnswer } from './types'

const hours = (minutes: number) => Math.round((minutes / 60) * 100) / 100
const longDate = (iso: string) => new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })

/**
 * A certificate as a printable page (name, cohort, competencies, PD hours, issue date and how to verify it), with
 * its Open Badges 3.0 credential to download as JSON or as the signed JWT. The person's own ('mine') or, for
 * leaders, a member's (route with :userId).
 */
export function CertificatePage({ me, liveRegion }: CompetenciesAreaProps) {
  const { cohortId = '', userId = 'me' } = useParams()
  const { state, reload } = useApiData<CertificateAnswer>(paths.certificate(cohortId, userId))
  const landing = useLandingFocus()
  const [saved, setSaved] = useState<{ n: number; name: string } | null>(null)
  if (state.status === 'loading') return <PageLoading title="Certificate" what="Loading the certificate" />
  if (state.status === 'error') {
    return (
      <View as="div" display="block">
        <BackNav to={routes.home}>All cohorts</BackNav>
        <PageError error={state.error} liveRegion={liveRegion} onRetry={() => void reload()} />
      </View>
    )
  }
  const { certificate: c, credential, credentialJwt, verificationKeys } = state.data
  const own = c.person.userId === me.user.id
  const file = `certificate-${c.id}`
  const download = (text: string, ext: string, type: string) => {
    // The answer is already here: saved from memory, no second request.
    saveBlob(new Blob([text], { type }), `${file}.${ext}`)
    setSaved((s) => ({ n: (s?.n ?? 0) + 1, name: `${file}.${ext}` }))
  }

  return (
    <View as="div" display="block">
      <BackNav to={own ? routes.home : routes.holders(cohortId)}>{own ? 'All cohorts' : 'Certificate holders'}</BackNav>
      <View as="section" display="block" className="cmp-certificate" aria-labelledby="certificate-heading" padding="medium" borderWidth="small" borderRadius="medium">
        <Heading level="h1" variant="titlePageMobile" id="certificate-heading" margin="0 0 small" elementRef={landing} tabIndex={-1}>
          {`Certificate: ${c.title}`}
        </Heading>
        <Text as="p" size="large" data-testid="certificate-award">
          {`Awarded to ${nameOf(c.person)} on ${longDate(c.issuedAt)} for proficiency in every competency of the credential of the cohort “${c.cohort.title}”.`}
        </Text>
        <Table caption={`Competencies of the certificate (${c.competencies.length})`} layout="auto" margin="medium 0">
          <Table.Head>
            <Table.Row>
              <Table.ColHeader id="cert-competency">Competency</Table.ColHeader>
              <Table.ColHeader id="cert-level">Level reached</Table.ColHeader>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {c.competencies.map((x) => (
              <Table.Row key={x.id}>
                <Table.RowHeader>{`${x.identifier} ${x.title}`}</Table.RowHeader>
                <Table.Cell>{x.level}</Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
        <Text as="p" data-testid="certificate-hours">{`Professional learning: ${hours(c.pdMinutes)} hours.`}</Text>
        <Heading level="h2" variant="titleSection" margin="medium 0 x-small">
          Verification
        </Heading>
        <Text as="p" size="small" data-testid="certificate-verification">
          {`Certificate ${c.id}, issued by ${credential.issuer.name} (${credential.issuer.id}). It is also an Open Badges 3.0 credential signed as a JSON Web Token with Staffroom’s key; anyone can check the signature with the public keys at ${verificationKeys}.`}
        </Text>
      </View>
      <View as="div" display="block" margin="medium 0" className="cmp-no-print">
        <Flex gap="small" wrap="wrap">
          <Button color="primary" onClick={() => window.print()}>
            Print the certificate
          </Button>
          <Button onClick={() => download(JSON.stringify(credential, null, 2), 'json', 'application/json')}>Download the Open Badge (JSON)</Button>
          <Button onClick={() => download(credentialJwt, 'jwt', 'application/jwt')}>Download the signed Open Badge (JWT)</Button>
        </Flex>
      </View>
      {saved && (
        <Alert key={saved.n} variant="success" liveRegion={liveRegion} screenReaderOnly transition="none">
          {`Download started: ${saved.name}`}
        </Alert>
      )}
    </View>
  )
}
