import type { ReactNode } from 'react'
import { getVisitor } from '@/lib/visitor'
import { Providers } from './providers'

export const metadata = { title: 'instrumentkit on Next.js' }

export default async function RootLayout({ children }: { children: ReactNode }) {
  // a returning visitor keeps their id; a first visit gets one here, which the browser then adopts
  const { anonymousId } = await getVisitor()
  return (
    <html lang="en">
      <body>
        <Providers anonymousId={anonymousId}>{children}</Providers>
      </body>
    </html>
  )
}
