import { Heading, List, Text, View } from '@instructure/ui'
import { AppLink } from '../learning/AppLink'
import { useApiData } from '../learning/useApiData'
import { paths, routes } from './competenciesApi'
import type { MyCertificates as MyCertificatesAnswer } from './types'

/** Props for {@link MyCertificates}. */
export interface MyCertificatesProps {
  /** Leaders see the section only when they hold a certificate themselves. */
  hideWhenEmpty?: boolean
}

/** The caller's own certificates (a section of the competencies home), each linking to its printable page. */
export function MyCertificates({ hideWhenEmpty = false }: MyCertificatesProps) {
  const { state } = useApiData<MyCertificatesAnswer>(paths.myCertificates)
  if (state.status === 'loading') return null
  const list = state.status === 'ready' ? state.data.certificates : []
  if (hideWhenEmpty && list.length === 0) return null
  return (
    <View as="section" display="block" margin="large 0 0" aria-labelledby="cmp-home-certificates">
      <Heading level="h2" variant="titleSection" id="cmp-home-certificates" margin="0 0 x-small">
        My certificates
      </Heading>
      {state.status === 'error' && <Text as="p">{`Your certificates could not be loaded: ${state.error.message}`}</Text>}
      {state.status === 'ready' && list.length === 0 && (
        <Text as="p">No certificates yet. You earn a cohort’s certificate when you are rated proficient in every competency of its credential.</Text>
      )}
      {list.length > 0 && (
        <List margin="0" itemSpacing="small">
          {list.map((c) => (
            <List.Item key={c.id}>
              <AppLink to={routes.certificate(c.cohort.id)}>{`${c.title} (${c.cohort.title})`}</AppLink>
            </List.Item>
          ))}
        </List>
      )}
    </View>
  )
}
