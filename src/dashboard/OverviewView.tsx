import type { DependencyHealth, OverviewReport, WebVitalStat } from '../server/reports/types.js'
import { formatCount, formatMs, formatNumber, formatPercent, formatTime } from './format.js'
import { ReportFrame } from './ReportFrame.js'
import { StatTile } from './StatTile.js'
import { TableHead } from './TableHead.js'
import { useReport } from './useReport.js'
import { ViewRoot } from './ViewRoot.js'

/** Props of `OverviewView`. */
export interface OverviewViewProps {
  /** Only this route template (e.g. `/api/orders/:id`). */
  route?: string
}

/** Ingest lag beyond which the collector is shown as lagging. */
const LAGGING_MS = 60_000

const RATING_TEXT = { good: 'Good', 'needs-improvement': 'Needs improvement', poor: 'Poor' } as const
const RATING_CLASS = { good: 'ikdash-ok', 'needs-improvement': 'ikdash-warn', poor: 'ikdash-err' } as const

function Badge({ tone, children }: { tone: 'ok' | 'warn' | 'err'; children: string }) {
  return <span className={`ikdash-badge ikdash-${tone}`}>{children}</span>
}

function dependencyState(d: DependencyHealth): { tone: 'ok' | 'warn' | 'err'; text: string } {
  if ((d.error_rate ?? 0) >= 0.05) return { tone: 'err', text: 'Failing' }
  if ((d.error_rate ?? 0) >= 0.01) return { tone: 'warn', text: 'Errors' }
  if ((d.latency_ms.p95 ?? 0) >= 1000) return { tone: 'warn', text: 'Slow' }
  return { tone: 'ok', text: 'Healthy' }
}

const vitalValue = (v: WebVitalStat) => (v.name === 'CLS' ? formatNumber(v.p75) : formatMs(v.p75))

/**
 * Is the app healthy right now: requests per second, error rate, latency percentiles, active users,
 * Web Vitals at p75, the health of the collector, the store and each instrumented dependency, and
 * the most frequent recent errors.
 *
 * @example
 * <OverviewView />
 */
export function OverviewView(props: OverviewViewProps) {
  return (
    <ViewRoot>
      <OverviewBody {...props} />
    </ViewRoot>
  )
}

function OverviewBody({ route }: OverviewViewProps) {
  const state = useReport('overview', { route })
  return (
    <ReportFrame title="Overview" state={state}>
      {(data: OverviewReport) => {
        const { requests, active_users, service_health: health } = data
        const lag = health.collector.ingest_lag_ms
        const lagging = lag !== null && lag > LAGGING_MS
        return (
          <>
            <dl className="ikdash-tiles">
              <StatTile
                label="Requests per second"
                value={formatNumber(requests.per_second)}
                sub={`${formatCount(requests.total)} ${requests.total === 1 ? 'request' : 'requests'}`}
              />
              <StatTile
                label="Error rate (5xx)"
                value={formatPercent(requests.error_rate)}
                sub={`${formatCount(requests.errors)} ${requests.errors === 1 ? 'error' : 'errors'} · ${formatCount(requests.client_errors)} 4xx`}
              />
              <StatTile
                label="Latency p50"
                value={formatMs(requests.latency_ms.p50)}
                sub={`p95 ${formatMs(requests.latency_ms.p95)} · p99 ${formatMs(requests.latency_ms.p99)}`}
              />
              <StatTile label="Active users, 5 min" value={formatCount(active_users.last_5_minutes)} />
              <StatTile label="Active users, 1 day" value={formatCount(active_users.last_day)} />
            </dl>
            {requests.total === 0 && (
              <p className="ikdash-empty">
                No request metrics in this window. Record them with the request middleware (metric{' '}
                <code>{data.metric_names.request_duration}</code>).
              </p>
            )}

            <div className="ikdash-grid2">
              <div className="ikdash-panel">
                <h3 style={{ marginTop: 0 }}>Service health</h3>
                <div className="ikdash-scroll">
                  <table>
                    <caption className="ikdash-sr">Service health</caption>
                    <TableHead text={['Service', 'State', 'Detail']} />
                    <tbody>
                      <tr>
                        <th scope="row">Collector</th>
                        <td>
                          {health.collector.last_received_at === null ? (
                            <Badge tone="warn">No events yet</Badge>
                          ) : lagging ? (
                            <Badge tone="warn">Lagging</Badge>
                          ) : (
                            <Badge tone="ok">Healthy</Badge>
                          )}
                        </td>
                        <td>
                          ingest lag {formatMs(lag)} · last event{' '}
                          {formatTime(health.collector.last_received_at)}
                        </td>
                      </tr>
                      <tr>
                        <th scope="row">Store</th>
                        <td>
                          {health.store.reachable ? (
                            <Badge tone="ok">Healthy</Badge>
                          ) : (
                            <Badge tone="err">Unreachable</Badge>
                          )}
                        </td>
                        <td>
                          {health.store.dialect} · queries took {formatMs(health.store.query_ms)}
                        </td>
                      </tr>
                      {health.queues.map((q) => {
                        const lagging = q.lag_ms !== null && q.lag_ms > LAGGING_MS
                        return (
                          <tr key={`queue:${q.queue}`}>
                            <th scope="row">Queue {q.queue}</th>
                            <td>
                              {lagging ? (
                                <Badge tone="warn">Lagging</Badge>
                              ) : (
                                <Badge tone="ok">Healthy</Badge>
                              )}
                            </td>
                            <td>
                              {formatCount(q.depth)} waiting · lag {formatMs(q.lag_ms)}
                            </td>
                          </tr>
                        )
                      })}
                      {health.dependencies.map((d) => {
                        const s = dependencyState(d)
                        return (
                          <tr key={d.name}>
                            <th scope="row">{d.name}</th>
                            <td>
                              <Badge tone={s.tone}>{s.text}</Badge>
                            </td>
                            <td>
                              {formatCount(d.calls)} {d.calls === 1 ? 'call' : 'calls'} ·{' '}
                              {formatPercent(d.error_rate)} errors · p95 {formatMs(d.latency_ms.p95)}
                            </td>
                          </tr>
                        )
                      })}
                    </tbody>
                  </table>
                </div>
                {health.dependencies.length === 0 && (
                  <p className="ikdash-meta">
                    No dependency timings: wrap database and third-party calls in <code>timed()</code>.
                  </p>
                )}
              </div>

              <div className="ikdash-panel">
                <h3 style={{ marginTop: 0 }}>Web Vitals (p75)</h3>
                {data.web_vitals.every((v) => v.samples === 0) ? (
                  <p className="ikdash-meta">
                    No Web Vitals in this window: call instrumentWebVitals(analytics).
                  </p>
                ) : (
                  <div className="ikdash-scroll">
                    <table>
                      <caption className="ikdash-sr">Web Vitals at the 75th percentile</caption>
                      <thead>
                        <tr>
                          <th scope="col">Metric</th>
                          <th scope="col" className="ikdash-num">
                            p75
                          </th>
                          <th scope="col">Rating</th>
                          <th scope="col" className="ikdash-num">
                            Samples
                          </th>
                        </tr>
                      </thead>
                      <tbody>
                        {data.web_vitals.map((v) => (
                          <tr key={v.name}>
                            <th scope="row">{v.name}</th>
                            <td className="ikdash-num">{vitalValue(v)}</td>
                            <td>
                              {v.rating ? (
                                <span className={`ikdash-badge ${RATING_CLASS[v.rating]}`}>
                                  {RATING_TEXT[v.rating]}
                                </span>
                              ) : (
                                '—'
                              )}
                            </td>
                            <td className="ikdash-num">{formatCount(v.samples)}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                )}
              </div>
            </div>

            <div className="ikdash-panel">
              <h3 style={{ marginTop: 0 }}>Recent errors</h3>
              {data.recent_errors.length === 0 ? (
                <p className="ikdash-meta">No errors in this window.</p>
              ) : (
                <ul style={{ margin: 0, paddingLeft: 18 }}>
                  {data.recent_errors.map((e) => (
                    <li key={`${e.source}:${e.message}`} style={{ marginBottom: 4 }}>
                      <strong>{e.message}</strong>: {formatCount(e.count)}{' '}
                      {e.count === 1 ? 'occurrence' : 'occurrences'}
                      <span className="ikdash-meta">
                        {' '}
                        · {e.source}
                        {e.source === 'client' &&
                          ` · ${formatCount(e.users)} ${e.users === 1 ? 'user' : 'users'}`}{' '}
                        · last {formatTime(e.last_seen)}
                      </span>
                    </li>
                  ))}
                </ul>
              )}
            </div>

            {requests.by_route.length > 0 && (
              <div className="ikdash-panel ikdash-scroll">
                <table>
                  <caption>Requests by route</caption>
                  <TableHead text={['Route']} numbers={['Requests', 'Error rate', 'p50', 'p95', 'p99']} />
                  <tbody>
                    {requests.by_route.map((r) => (
                      <tr key={`${r.method} ${r.route}`}>
                        <th scope="row">
                          {r.method} {r.route}
                        </th>
                        <td className="ikdash-num">{formatCount(r.requests)}</td>
                        <td className="ikdash-num">{formatPercent(r.error_rate)}</td>
                        <td className="ikdash-num">{formatMs(r.latency_ms.p50)}</td>
                        <td className="ikdash-num">{formatMs(r.latency_ms.p95)}</td>
                        <td className="ikdash-num">{formatMs(r.latency_ms.p99)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </>
        )
      }}
    </ReportFrame>
  )
}
