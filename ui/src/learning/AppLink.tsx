import type { ReactNode } from 'react'
import { Button, Link } from '@instructure/ui'
import { useHref } from 'react-router'

/** Props for {@link AppLink}. */
export interface AppLinkProps {
  /** App route, e.g. `/my-learning/hours`. */
  to: string
  children: ReactNode
  /** `link` for text links, `button` / `primary-button` for a call to action that still navigates. */
  variant?: 'link' | 'button' | 'primary-button'
  /** Marks the current item of a navigation list. */
  current?: boolean
}

/**
 * An InstUI link or button-styled link to an app route. The hash href navigates the HashRouter natively (and
 * opens in a new tab too); no onClick, since InstUI turns a Link with one into role="button".
 */
export function AppLink({ to, children, variant = 'link', current }: AppLinkProps) {
  const href = useHref(to)
  if (variant === 'link') {
    return (
      <Link href={href} aria-current={current ? 'step' : undefined}>
        {children}
      </Link>
    )
  }
  return (
    <Button href={href} color={variant === 'primary-button' ? 'primary' : 'secondary'}>
      {children}
    </Button>
  )
}
