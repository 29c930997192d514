import { type AnchorHTMLAttributes, forwardRef } from 'react'
import { onLinkClick, usePath } from './router.js'

/** A link to a page of the shop: navigates in place and marks itself as the current page. */
export const Link = forwardRef<HTMLAnchorElement, AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }>(
  function Link({ href, ...props }, ref) {
    const path = usePath()
    return (
      <a
        ref={ref}
        href={href}
        aria-current={path === href ? 'page' : undefined}
        onClick={onLinkClick}
        {...props}
      />
    )
  },
)
