import type { ReactNode, Ref } from 'react'
import { View } from '@instructure/ui'
import { BrandHeader } from './BrandHeader'

/** Props for {@link AppShell}. */
export interface AppShellProps {
  /** Who/role/context details for the header; omitted until we know the user. */
  headerDetails?: ReactNode
  /** True while the first request is in flight (sets aria-busy on <main>). */
  busy: boolean
  /** Persistent role="alert" region so status alerts are announced when they replace the spinner. */
  announcerRef: Ref<HTMLDivElement>
  children: ReactNode
}

/** Page frame: a banner and a single <main> landmark, fluid to fit any LMS iframe width. */
export function AppShell({ headerDetails, busy, announcerRef, children }: AppShellProps) {
  return (
    <View as="div" display="block" background="primary">
      <BrandHeader>{headerDetails}</BrandHeader>
      <View as="main" display="block" padding="medium small" aria-busy={busy}>
        {/* Kept mounted across state changes: live regions only announce content added later. */}
        <div ref={announcerRef} role="alert" />
        {children}
      </View>
    </View>
  )
}
