/**
 * The JSON the query API answers, one type per report, and the parameters each report takes.
 *
 * Conventions every report follows:
 * - Times are ISO-8601 UTC strings; calendar days are `YYYY-MM-DD` (UTC).
 * - Counts are whole numbers; rates and shares are fractions from 0 to 1 (not percentages).
 * - A value that cannot be computed (no data, division by zero) is `null`, never `NaN`.
 * - Duplicated `message_id`s count once and bot traffic (`is_bot`) is left out of every number,
 *   except in `quality`, which reports them.
 * - A "user" (a unit) is the `user_id`, or, for an anonymous visitor, the `user_id` that
 *   anonymous id was later identified as, else the `anonymous_id`.
 */

/** The names the query API serves: `GET <base>/query/<name>`. */
export type ReportName =
  | 'overview'
  | 'business'
  | 'funnel'
  | 'retention'
  | 'experiments'
  | 'experiment'
  | 'quality'

/**
 * The time window parameters every report accepts. Each is an ISO-8601 date or time
 * (`2026-12-01`, `2026-12-01T10:00:00Z`) or epoch milliseconds. `from` is inclusive, `to` exclusive;
 * a bare date as `to` means the end of that day. Each report documents its default window.
 */
export interface RangeParams {
  from?: string
  to?: string
}

/** The window a report covered, as resolved from `from`/`to` and the report's default. */
export interface ReportRange {
  from: string
  to: string
}

/** Fields every report answer starts with. */
export interface ReportEnvelope<TName extends ReportName> {
  report: TName
  /** When the answer was computed. */
  generated_at: string
  range: ReportRange
}

/** A value of a day against the day before. */
export interface DayComparison {
  value: number
  previous: number
  /** `value / previous − 1`; null when `previous` is 0. */
  change: number | null
}

/** Latency percentiles in milliseconds, interpolated within histogram buckets; null without samples. */
export interface LatencyPercentiles {
  p50: number | null
  p95: number | null
  p99: number | null
}

// ---------------------------------------------------------------- overview

/**
 * Parameters of `overview`. Default window: the last hour.
 * `route`: keep only this route template (e.g. `/api/orders/:id`).
 */
export interface OverviewParams extends RangeParams {
  route?: string
}

/** Request statistics of one route template and method. */
export interface RouteStats {
  route: string
  method: string
  requests: number
  /** Responses with a 5xx status. */
  errors: number
  error_rate: number | null
  latency_ms: LatencyPercentiles
}

/** One Core Web Vital at the 75th percentile, as web-vitals and CrUX report it. */
export interface WebVitalStat {
  name: 'LCP' | 'INP' | 'CLS' | 'FCP' | 'TTFB'
  /** The metric it is read from, e.g. `web_vitals.lcp.ms`. */
  metric: string
  /** Milliseconds, or a unitless score for CLS; null without samples. */
  p75: number | null
  samples: number
  /** Google's thresholds applied to `p75`; null without samples. */
  rating: 'good' | 'needs-improvement' | 'poor' | null
}

/** An instrumented dependency (database, third-party API) seen through its timing metric. */
export interface DependencyHealth {
  /** The `timed` metric's name, e.g. `db.query.duration.ms`. */
  name: string
  calls: number
  errors: number
  error_rate: number | null
  latency_ms: LatencyPercentiles
}

/** Errors grouped by message. */
export interface ErrorGroup {
  /** The error message (client `error_occurred` events) or `METHOD route → status` (server 5xx). */
  message: string
  source: 'client' | 'server'
  count: number
  /** Distinct users who hit it (0 for server errors, which carry no user). */
  users: number
  last_seen: string
}

/** Answer of `overview`: is the app healthy right now? */
export interface OverviewReport extends ReportEnvelope<'overview'> {
  requests: {
    total: number
    per_second: number
    /** 5xx responses. */
    errors: number
    error_rate: number | null
    /** 4xx responses, not counted as errors. */
    client_errors: number
    latency_ms: LatencyPercentiles
    /** Busiest first, at most 20. */
    by_route: RouteStats[]
  }
  active_users: {
    /** Distinct users with an event in the 5 minutes before the end of the window. */
    last_5_minutes: number
    /** Distinct users with an event in the day before the end of the window. */
    last_day: number
  }
  web_vitals: WebVitalStat[]
  service_health: {
    collector: {
      /** When the newest event was received; null when none ever was. */
      last_received_at: string | null
      /** Median milliseconds between an event's (corrected) time and its arrival, in the window. */
      ingest_lag_ms: number | null
    }
    store: {
      dialect: string
      reachable: boolean
      /** Milliseconds this report's queries took. */
      query_ms: number
    }
    /** Each `timed` histogram (one with an `outcome` tag), by metric name. */
    dependencies: DependencyHealth[]
    /** Each queue reporting `queue.depth.count` / `queue.lag.ms`, at its latest point in the window. */
    queues: { queue: string; depth: number | null; lag_ms: number | null }[]
  }
  /** Most frequent first, at most 20. */
  recent_errors: ErrorGroup[]
  /** The metric names this report reads, so a dashboard can say what to instrument when empty. */
  metric_names: {
    /** `http.server.duration.ms`. */
    request_duration: string
    /** `queue.lag.ms`. */
    queue_lag: string
  }
}

// ---------------------------------------------------------------- business

/**
 * Parameters of `business`. `day` (`YYYY-MM-DD`, default today UTC) is compared with the day before.
 * `signup` (default `signup_completed`) and `conversion` (default `checkout_completed`) name events;
 * `revenue` (default `order_value`) names the numeric property of the conversion event summed as
 * revenue. The `daily` series covers `from`–`to`, by default the 30 days ending with `day`.
 */
export interface BusinessParams extends RangeParams {
  day?: string
  signup?: string
  conversion?: string
  revenue?: string
}

/** One day of the business series. */
export interface BusinessDay {
  day: string
  active_users: number
  signups: number
  conversions: number
  revenue: number
}

/** Answer of `business`: how is the product doing today against yesterday? */
export interface BusinessReport extends ReportEnvelope<'business'> {
  day: string
  previous_day: string
  events: { signup: string; conversion: string; revenue_property: string }
  signups: DayComparison
  /** Conversion events (not converting users). */
  conversions: DayComparison
  revenue: DayComparison
  /** Distinct users of `day`, and of the 7 and 30 days ending with it. */
  active_users: { dau: number; wau: number; mau: number }
  /** Sessions that started on `day`; a session's length is its last event minus its first. */
  sessions: { count: number; median_length_seconds: number | null }
  daily: BusinessDay[]
}

// ---------------------------------------------------------------- funnel

/**
 * Parameters of `funnel`. `steps`: comma-separated event names, 2 to 10, in order (required).
 * `within`: seconds from the first step in which the others must happen (default 86,400).
 * `breakdown`: a property of the first step's event (`plan`), or `experiment:<key>` to split by the
 * variant each user was first exposed to. Default window: the last 7 days (the first step must fall in it).
 */
export interface FunnelParams extends RangeParams {
  steps: string
  within?: string
  breakdown?: string
}

/** One step of a funnel. */
export interface FunnelStep {
  event: string
  /** Users who did this step after the previous one, within the window from their first step. */
  users: number
  /** `users` over the first step's users; 1 for the first step; null when no one entered. */
  conversion_from_first: number | null
  /** `users` over the previous step's users; 1 for the first step; null when no one reached the previous. */
  conversion_from_previous: number | null
  /** Median seconds from the previous step to this one among those who made it; null for the first step. */
  median_seconds_from_previous: number | null
}

/** One value of the breakdown and its funnel. */
export interface FunnelGroup {
  /** The property's value as text, or the variant name; null when absent. */
  value: string | null
  steps: FunnelStep[]
}

/** Answer of `funnel`. */
export interface FunnelReport extends ReportEnvelope<'funnel'> {
  within_seconds: number
  steps: FunnelStep[]
  /** Present when `breakdown` was given; largest groups first, at most 20. */
  breakdown?: { by: string; groups: FunnelGroup[] }
}

// ---------------------------------------------------------------- retention

/**
 * Parameters of `retention`. `period`: `day` (default) or `week` (weeks start on Monday).
 * `event`: the returning event (default: any event). `periods`: how many periods after the cohort's
 * to report, 1 to 52 (default 7 for days, 8 for weeks). Cohorts are users by the period of their first
 * event ever; the window selects which cohorts are shown (default: the last 14 days or 8 weeks).
 */
export interface RetentionParams extends RangeParams {
  period?: 'day' | 'week'
  event?: string
  periods?: string
}

/** One cohort's row. */
export interface RetentionCohort {
  /** The first day of the cohort's period, `YYYY-MM-DD`. */
  cohort: string
  users: number
  /**
   * Index k: users of the cohort who did the returning event in the k-th period after their first
   * (k = 0 is the cohort's own period). null for periods that have not begun yet.
   */
  retained: (number | null)[]
  /** `retained[k] / users`. */
  rates: (number | null)[]
}

/** Answer of `retention`. */
export interface RetentionReport extends ReportEnvelope<'retention'> {
  period: 'day' | 'week'
  /** The returning event, or null for any event. */
  event: string | null
  periods: number
  cohorts: RetentionCohort[]
}

// ---------------------------------------------------------------- experiments

/** Where an experiment stands. */
export type ExperimentStatus =
  /** Exposures arrived in the last day and the planned length is not reached. */
  | 'running'
  /** The planned length is reached. */
  | 'complete'
  /** Defined as inactive, or no exposure in the last day. */
  | 'stopped'
  /** Defined, but never exposed. */
  | 'not_started'

/** Parameters of `experiments`. Default window: all time. */
export interface ExperimentsParams extends RangeParams {}

/** An experiment in the list. */
export interface ExperimentSummary {
  key: string
  status: ExperimentStatus
  /** First and latest exposure; null when never exposed. */
  started_at: string | null
  last_exposure_at: string | null
  /** Day N of M: N counts from 1 on the day of the first exposure; null when never exposed. */
  day: number | null
  /** M: planned days, from the definition given to the collector (`plannedDays`), else null. */
  planned_days: number | null
  /** Units exposed to exactly one variant, by variant. */
  variants: { name: string; units: number }[]
  /** Units exposed to more than one variant (left out of `variants`). */
  excluded_units: number
  srm: { p_value: number | null; mismatch: boolean }
}

/** Answer of `experiments`. */
export interface ExperimentsReport extends ReportEnvelope<'experiments'> {
  experiments: ExperimentSummary[]
}

/**
 * Parameters of `experiment`. `key`: the experiment (required). `metric`: the conversion event
 * (required). `value`: a numeric property of the conversion event summed as revenue. `days`: planned
 * length, overriding the definition's. `control`: the control variant (default: the definition's first
 * variation, else the alphabetically first). `alpha` (default 0.05). Default window: all time.
 */
export interface ExperimentParams extends RangeParams {
  key: string
  metric: string
  value?: string
  days?: string
  control?: string
  alpha?: string
}

/** One variant's results; lifts and p-value are against the control. */
export interface ExperimentVariant {
  name: string
  is_control: boolean
  /** Distinct units exposed to this variant only. */
  units: number
  /** Units that did the metric event after their first exposure (each unit at most once). */
  conversions: number
  conversion_rate: number | null
  /** Sum of `value` over those post-exposure conversion events; null without `value`. */
  revenue: number | null
  revenue_per_unit: number | null
  /** Relative lift of the conversion rate against the control (0.1 = +10%); 0 for the control. */
  lift: number | null
  /** Confidence interval (1 − alpha) of `lift`, the absolute interval divided by the control's rate. */
  lift_ci: [number, number] | null
  absolute_lift: number | null
  absolute_lift_ci: [number, number] | null
  /** Two-sided p-value of the two-proportion z-test; 1 for the control. */
  p_value: number | null
  significant: boolean
  verdict: 'control' | 'better' | 'worse' | 'inconclusive'
}

/** Answer of `experiment`. */
export interface ExperimentReport extends ReportEnvelope<'experiment'> {
  key: string
  metric: string
  value_property: string | null
  status: ExperimentStatus
  started_at: string | null
  day: number | null
  planned_days: number | null
  control: string
  alpha: number
  variants: ExperimentVariant[]
  /** Sample-ratio mismatch against the definition's weights (equal by default), chi-square at 0.001. */
  srm: { p_value: number | null; chi_square: number | null; expected: number[]; mismatch: boolean }
  /** Units exposed to more than one variant: left out of every number above. */
  excluded: { units: number; sample: string[] }
  /** The result in words, e.g. `treatment +10.0% conversion (p=0.017, significant)`. */
  summary: string
}

// ---------------------------------------------------------------- quality

/**
 * Parameters of `quality`. `late_after`: seconds between an event's time and its arrival beyond which
 * it is late (default 3,600). Default window: the last 24 hours, by arrival time.
 */
export interface QualityParams extends RangeParams {
  late_after?: string
}

/** Answer of `quality`: can the numbers be trusted? */
export interface QualityReport extends ReportEnvelope<'quality'> {
  events: {
    /** Rows stored, duplicates and bots included. */
    received: number
    /** Distinct `message_id`s. */
    unique: number
    duplicates: number
    /** `duplicates / received`. */
    duplicate_rate: number | null
    /** Unique events flagged as bots. */
    bots: number
  }
  /** By reason, most events first. */
  rejections: { reason: string; events: number; requests: number }[]
  rejected_events: number
  /** Events that arrived more than `late_after_seconds` after their (corrected) time. */
  late: { events: number; late_after_seconds: number; max_delay_seconds: number | null }
  /** Events whose client time was ahead of the time their batch was sent (clock set in the future). */
  future: { events: number }
  /** Client clock minus corrected time, in milliseconds (positive: the client's clock runs ahead). */
  clock_skew: {
    samples: number
    p50_ms: number | null
    p95_abs_ms: number | null
    max_abs_ms: number | null
    /** Events by absolute skew: under 1 s, 1 s–1 min, 1 min–1 h, over 1 h. */
    buckets: { label: string; events: number }[]
  }
  /** Events not in the app's catalogue, and events that failed its schema, by name. */
  schema: {
    unknown: { event_name: string; events: number }[]
    invalid: { event_name: string; events: number; example_error: string | null }[]
  }
  /** What clients dropped before sending, from their `kit.events_dropped.count` health counter. */
  client_drops: { reason: string; events: number }[]
}

// ---------------------------------------------------------------- maps

/** Each report's answer by name. */
export interface ReportResults {
  overview: OverviewReport
  business: BusinessReport
  funnel: FunnelReport
  retention: RetentionReport
  experiments: ExperimentsReport
  experiment: ExperimentReport
  quality: QualityReport
}

/** Each report's query parameters by name (all values are strings, as in the URL). */
export interface ReportParamsByName {
  overview: OverviewParams
  business: BusinessParams
  funnel: FunnelParams
  retention: RetentionParams
  experiments: ExperimentsParams
  experiment: ExperimentParams
  quality: QualityParams
}

/** The body of a 400 answer to a bad parameter. */
export interface ReportErrorBody {
  error: string
  /** The parameter at fault. */
  param?: string
}
