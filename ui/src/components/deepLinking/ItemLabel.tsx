import { Text, View } from '@instructure/ui'
import type { PickerItem } from '../../deepLinking'

/** Props for {@link ItemLabel}. */
export interface ItemLabelProps {
  item: PickerItem
}

/** A picker option's label: the title, what it is, and whether it adds a gradebook column. */
export function ItemLabel({ item }: ItemLabelProps) {
  return (
    <View as="span" display="block">
      <Text as="span" weight="bold">
        {item.title}
      </Text>
      <View as="span" display="block">
        <Text as="span" size="small">
          {item.description}
        </Text>
      </View>
      {item.graded && (
        <View as="span" display="block">
          <Text as="span" size="small" color="secondary">
            Adds a gradebook column (out of {item.graded.scoreMaximum}).
          </Text>
        </View>
      )}
    </View>
  )
}
