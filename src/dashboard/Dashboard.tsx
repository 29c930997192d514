import { useCallback, useState } from 'react'
import { BusinessView, type BusinessViewProps } from './BusinessView.js'
import { DashboardProvider, type DashboardProviderProps } from './DashboardProvider.js'
import { ExperimentsView } from './ExperimentsView.js'
import { ExperimentView, type ExperimentViewProps } from './ExperimentView.js'
import { FunnelView, type FunnelViewProps } from './FunnelView.js'
import { OverviewView } from './OverviewView.js'
import { QualityView } from './QualityView.js'
import { RangeControl } from './RangeControl.js'
import { RetentionView, type RetentionViewProps } from './RetentionView.js'
import { ViewRoot } from './ViewRoot.js'

/** The dashboard's sections: each `route` (an open experiment is `experiments/<key>`) with the `label` its navigation shows. */
export const DASHBOARD_SECTIONS = [
  {
    /** The section's `route`. */
    route: 'overview',
    /** Its name in the navigation. */
    label: 'Overview',
  },
  {
    /** The section's `route`. */
    route: 'business',
    /** Its name in the navigation. */
    label: 'Business',
  },
  {
    /** The section's `route`. */
    route: 'funnel',
    /** Its name in the navigation. */
    label: 'Funnel',
  },
  {
    /** The section's `route`. */
    route: 'retention',
    /** Its name in the navigation. */
    label: 'Retention',
  },
  {
    /** The section's `route`. */
    route: 'experiments',
    /** Its name in the navigation. */
    label: 'Experiments',
  },
  {
    /** The section's `route`. */
    route: 'quality',
    /** Its name in the navigation. */
    label: 'Data quality',
  },
] as const

/** Props of `Dashboard`: the provider's, the views' settings, and where it is. */
export interface DashboardProps extends Omit<DashboardProviderProps, 'children'> {
  /** The section shown (controlled), e.g. `funnel` or `experiments/checkout_flow`. */
  route?: string
  /** The first section when uncontrolled (default `overview`). */
  initialRoute?: string
  /** Called when someone moves to another section. */
  onRouteChange?: (route: string) => void
  /** Title above the navigation (default `Analytics`). */
  title?: string
  /** Settings of the business view (its signup, conversion and revenue names). */
  business?: BusinessViewProps
  /** The funnel's first steps (default: page_viewed → product_added → checkout_started → checkout_completed). */
  funnel?: Partial<FunnelViewProps>
  /** Settings of the retention view (its event and period). */
  retention?: RetentionViewProps
  /** The conversion event and revenue property experiments are judged on. */
  experiment?: Pick<Partial<ExperimentViewProps>, 'metric' | 'value' | 'days'>
}

const DEFAULT_STEPS = ['page_viewed', 'product_added', 'checkout_started', 'checkout_completed']

/**
 * Every view behind one navigation, with a shared date range and auto-refresh: overview, business,
 * funnel, retention, experiments (and each experiment) and data quality.
 *
 * @example
 * <Dashboard baseUrl="/api/analytics" tokenStorageKey="ik:read-token" experiment={{ metric: 'checkout_completed', value: 'order_value' }} />
 */
export function Dashboard(props: DashboardProps) {
  const {
    route: controlled,
    initialRoute,
    onRouteChange,
    title,
    business,
    funnel,
    retention,
    experiment,
    ...provider
  } = props
  const [own, setOwn] = useState(initialRoute ?? 'overview')
  const route = controlled ?? own
  const go = useCallback(
    (next: string) => {
      setOwn(next)
      onRouteChange?.(next)
    },
    [onRouteChange],
  )
  const [section, ...rest] = route.split('/')
  const experimentKey =
    section === 'experiments' && rest.length > 0 ? decodeURIComponent(rest.join('/')) : null

  let view: React.ReactNode
  switch (section) {
    case 'business':
      view = <BusinessView {...business} />
      break
    case 'funnel':
      view = <FunnelView {...funnel} steps={funnel?.steps ?? DEFAULT_STEPS} />
      break
    case 'retention':
      view = <RetentionView {...retention} />
      break
    case 'experiments':
      view = experimentKey ? (
        <ExperimentView
          experimentKey={experimentKey}
          metric={experiment?.metric ?? 'checkout_completed'}
          value={experiment?.value}
          days={experiment?.days}
          onBack={() => go('experiments')}
        />
      ) : (
        <ExperimentsView onSelect={(key) => go(`experiments/${encodeURIComponent(key)}`)} />
      )
      break
    case 'quality':
      view = <QualityView />
      break
    default:
      view = <OverviewView />
  }

  return (
    <DashboardProvider {...provider}>
      <ViewRoot>
        <div className="ikdash-shell">
          <div className="ikdash-top">
            <h1>{title ?? 'Analytics'}</h1>
            <RangeControl />
          </div>
          <nav className="ikdash-nav" aria-label="Dashboard sections">
            {DASHBOARD_SECTIONS.map((s) => (
              <button
                key={s.route}
                type="button"
                aria-current={
                  s.route === section ||
                  (s.route === 'overview' && !DASHBOARD_SECTIONS.some((x) => x.route === section))
                    ? 'page'
                    : undefined
                }
                onClick={() => go(s.route)}
              >
                {s.label}
              </button>
            ))}
          </nav>
          {view}
        </div>
      </ViewRoot>
    </DashboardProvider>
  )
}
