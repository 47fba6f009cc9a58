import { Flex, View } from '@instructure/ui'
import { AppLink } from '../learning/AppLink'
import { NotificationsControl } from './notifications/NotificationsControl'

/** The header's personal links, on every screen: notifications and "My data". */
export function HeaderNav() {
  return (
    <View as="nav" display="block" aria-label="Your notifications and data" margin="x-small 0 0">
      <Flex gap="small" wrap="wrap" alignItems="start">
        <Flex.Item>
          <NotificationsControl />
        </Flex.Item>
        <Flex.Item padding="xx-small 0 0">
          <AppLink to="/my-data">My data</AppLink>
        </Flex.Item>
      </Flex>
    </View>
  )
}
