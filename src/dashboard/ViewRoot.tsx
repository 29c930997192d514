import { createContext, type ReactNode, useContext } from 'react'
import { DashboardProvider } from './DashboardProvider.js'
import { DashboardContext } from './dashboardContext.js'
import { useDashboardStyles } from './dashboardStyles.js'

const InsideRoot = createContext(false)

/**
 * Wraps a view so that it works alone: it adds the scoped stylesheet and the `.ikdash` root class,
 * and a `DashboardProvider` with defaults when the view is not already inside one.
 */
export function ViewRoot({ children }: { children: ReactNode }) {
  useDashboardStyles()
  const inside = useContext(InsideRoot)
  const config = useContext(DashboardContext)
  if (inside) return children
  const root = (
    <InsideRoot.Provider value={true}>
      <div className="ikdash ikdash-auto">{children}</div>
    </InsideRoot.Provider>
  )
  return config ? root : <DashboardProvider>{root}</DashboardProvider>
}
