import type { ReactNode } from 'react'
import { Flex, Text, View } from '@instructure/ui'

/** Props for {@link BrandHeader}. */
export interface BrandHeaderProps {
  children?: ReactNode
}

/** The banner landmark: the product name, plus whatever session details the app passes in. */
export function BrandHeader({ children }: BrandHeaderProps) {
  return (
    <View as="header" display="block" padding="small" borderWidth="0 0 small 0">
      <Flex wrap="wrap" gap="small" alignItems="center" justifyItems="space-between">
        <Flex.Item shouldShrink>
          {/* Not a heading: the single h1 names the page's purpose, inside <main>. */}
          <Text as="div" size="large" weight="bold">
            Staffroom
          </Text>
        </Flex.Item>
        {children && <Flex.Item shouldShrink>{children}</Flex.Item>}
      </Flex>
    </View>
  )
}
