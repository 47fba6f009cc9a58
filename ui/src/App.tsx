import { useCallback, useRef } from 'react'
import { AppShell } from './components/AppShell'
import { HeaderNav } from './components/HeaderNav'
import { SessionDetails } from './components/SessionDetails'
import { SessionStateView } from './components/SessionStateView'
import { useStaffroomSession } from './useStaffroomSession'

/** The Staffroom app: loads the signed-in user, then shows the shell and their role's home. */
export function App() {
  const { state, retry } = useStaffroomSession()
  const announcer = useRef<HTMLDivElement>(null)
  // Stable getter: InstUI's Alert resolves the live region lazily, after the shell has mounted.
  const liveRegion = useCallback(() => announcer.current, [])

  return (
    <AppShell
      headerDetails={
        state.status === 'ready' ? (
          <>
            <SessionDetails me={state.me} />
            <HeaderNav />
          </>
        ) : undefined
      }
      busy={state.status === 'loading'}
      announcerRef={announcer}
    >
      <SessionStateView state={state} retry={retry} liveRegion={liveRegion} />
    </AppShell>
  )
}
