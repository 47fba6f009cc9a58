import { useEffect, useRef } from 'react'
import { Button, Flex, ScreenReaderContent } from '@instructure/ui'

/** Which way an item moves. */
export type Direction = 'up' | 'down'

/** A copy of `items` with the one at `index` moved one place up or down. */
export function moveItem<T>(items: readonly T[], index: number, direction: Direction): T[] {
  const to = direction === 'up' ? index - 1 : index + 1
  const next = [...items]
  const [item] = next.splice(index, 1)
  if (item === undefined || to < 0 || to > items.length - 1) return [...items]
  next.splice(to, 0, item)
  return next
}

/** Props for {@link ReorderButtons}. */
export interface ReorderButtonsProps {
  /** The item's name, so each button says what it moves. */
  itemLabel: string
  index: number
  count: number
  onMove: (direction: Direction) => void
  /** Set after this item moved: the button to put focus back on (the other one when it has reached an end). */
  focus: Direction | null
  disabled?: boolean
}

/** "Move up" / "Move down": reordering with the keyboard alone, keeping focus on the moved item's buttons. */
export function ReorderButtons({ itemLabel, index, count, onMove, focus, disabled = false }: ReorderButtonsProps) {
  const up = useRef<HTMLElement | null>(null)
  const down = useRef<HTMLElement | null>(null)
  const canUp = index > 0 && !disabled
  const canDown = index < count - 1 && !disabled

  useEffect(() => {
    if (!focus) return
    const wanted = focus === 'up' ? (canUp ? up : down) : canDown ? down : up
    wanted.current?.focus()
  }, [focus, index, canUp, canDown])

  return (
    <Flex gap="x-small" wrap="wrap">
      <Button size="small" elementRef={(el) => void (up.current = el as HTMLElement | null)} interaction={canUp ? 'enabled' : 'disabled'} onClick={() => onMove('up')}>
        Move up<ScreenReaderContent>: {itemLabel}</ScreenReaderContent>
      </Button>
      <Button size="small" elementRef={(el) => void (down.current = el as HTMLElement | null)} interaction={canDown ? 'enabled' : 'disabled'} onClick={() => onMove('down')}>
        Move down<ScreenReaderContent>: {itemLabel}</ScreenReaderContent>
      </Button>
    </Flex>
  )
}
