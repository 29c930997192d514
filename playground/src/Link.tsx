import type { AnchorHTMLAttributes } from 'react'
import { onLinkClick, usePath } from './router.js'

/** A link to a page of the shop: navigates in place and marks itself as the current page. */
export function Link({ href, ...props }: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) {
  const path = usePath()
  return <a href={href} aria-current={path === href ? 'page' : undefined} onClick={onLinkClick} {...props} />
}
