import type { BusinessReport } from '../server/reports/types.js'
import { useDashboardConfig } from './dashboardContext.js'
import { formatCount, formatMoney, formatSeconds } from './format.js'
import { ReportFrame } from './ReportFrame.js'
import { Change, StatTile } from './StatTile.js'
import { TimeSeriesChart } from './TimeSeriesChart.js'
import { useReport } from './useReport.js'
import { ViewRoot } from './ViewRoot.js'

/** Props of `BusinessView`. */
export interface BusinessViewProps {
  /** The day to report (`YYYY-MM-DD`, default: today, or the last day of a custom range). */
  day?: string
  /** The signup event (default `signup_completed`). */
  signup?: string
  /** The conversion event (default `checkout_completed`). */
  conversion?: string
  /** The numeric property of the conversion event summed as revenue (default `order_value`). */
  revenue?: string
}

/**
 * How the product is doing: signups, conversions and revenue of a day against the day before,
 * daily, weekly and monthly active users, sessions and their median length, and a daily chart.
 *
 * @example
 * <BusinessView conversion="order_completed" revenue="total" />
 */
export function BusinessView(props: BusinessViewProps) {
  return (
    <ViewRoot>
      <BusinessBody {...props} />
    </ViewRoot>
  )
}

function BusinessBody(props: BusinessViewProps) {
  const { range } = useDashboardConfig()
  const day = props.day ?? ('to' in range ? range.to : undefined)
  const state = useReport('business', {
    day,
    signup: props.signup,
    conversion: props.conversion,
    revenue: props.revenue,
  })
  return (
    <ReportFrame
      title="Business"
      state={state}
      isEmpty={(d: BusinessReport) => d.active_users.mau === 0 && d.daily.every((x) => x.active_users === 0)}
      empty="No users in this window yet. Track page views and your signup and conversion events to fill this view."
    >
      {(data: BusinessReport) => {
        const against = data.previous_day
        return (
          <>
            <p className="ikdash-meta">
              {data.day} against {data.previous_day}. Signups are <code>{data.events.signup}</code>,
              conversions <code>{data.events.conversion}</code>, revenue the sum of its{' '}
              <code>{data.events.revenue_property}</code>.
            </p>
            <dl className="ikdash-tiles">
              <StatTile
                label="Signups"
                value={formatCount(data.signups.value)}
                sub={<Change change={data.signups.change} against={against} />}
              />
              <StatTile
                label="Conversions"
                value={formatCount(data.conversions.value)}
                sub={<Change change={data.conversions.change} against={against} />}
              />
              <StatTile
                label="Revenue"
                value={formatMoney(data.revenue.value)}
                sub={<Change change={data.revenue.change} against={against} />}
              />
              <StatTile label="Daily active users" value={formatCount(data.active_users.dau)} />
              <StatTile label="Weekly active users" value={formatCount(data.active_users.wau)} />
              <StatTile label="Monthly active users" value={formatCount(data.active_users.mau)} />
              <StatTile
                label="Sessions"
                value={formatCount(data.sessions.count)}
                sub={`median length ${formatSeconds(data.sessions.median_length_seconds)}`}
              />
            </dl>
            {data.daily.length > 0 && (
              <TimeSeriesChart
                title="Daily"
                times={data.daily.map((d) => Date.parse(`${d.day}T00:00:00Z`))}
                timeLabels={data.daily.map((d) => d.day)}
                series={[
                  {
                    label: 'Active users',
                    values: data.daily.map((d) => d.active_users),
                    format: formatCount,
                  },
                  { label: 'Signups', values: data.daily.map((d) => d.signups), format: formatCount },
                  { label: 'Conversions', values: data.daily.map((d) => d.conversions), format: formatCount },
                  {
                    label: 'Revenue',
                    values: data.daily.map((d) => d.revenue),
                    format: formatMoney,
                    rightAxis: true,
                  },
                ]}
              />
            )}
          </>
        )
      }}
    </ReportFrame>
  )
}
