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
  /** Start of the window, inclusive. */
  from?: string
  /** End of the window, exclusive; a bare date means the end of that day. */
  to?: string
}

/** The window a report covered, as resolved from `from`/`to` and the report's default. */
export interface ReportRange {
  /** Start of the window (ISO-8601), inclusive. */
  from: string
  /** End of the window (ISO-8601), exclusive. */
  to: string
}

/** Fields every report answer starts with. */
export interface ReportEnvelope<TName extends ReportName> {
  /** The report's name. */
  report: TName
  /** When the answer was computed. */
  generated_at: string
  /** The window the report covered. */
  range: ReportRange
}

/** A value of a day against the day before. */
export interface DayComparison {
  /** The day's value. */
  value: number
  /** The day before's value. */
  previous: number
  /** `value / previous − 1`; null when `previous` is 0. */
  change: number | null
}

/** Latency percentiles in milliseconds, interpolated within histogram buckets; null without samples. */
export interface LatencyPercentiles {
  /** Median. */
  p50: number | null
  /** 95th percentile. */
  p95: number | null
  /** 99th percentile. */
  p99: number | null
}

// ---------------------------------------------------------------- overview

/**
 * Parameters of `overview`. Default window: the last hour.
 * `route`: keep only this route template (e.g. `/api/orders/:id`).
 */
export interface OverviewParams extends RangeParams {
  /** Keep only this route template, e.g. `/api/orders/:id`. */
  route?: string
}

/** Request statistics of one route template and method. */
export interface RouteStats {
  /** The route template, e.g. `/api/orders/:id`. */
  route: string
  /** The HTTP method. */
  method: string
  /** Requests in the window. */
  requests: number
  /** Responses with a 5xx status. */
  errors: number
  /** `errors / requests`; null without requests. */
  error_rate: number | null
  /** Response time percentiles. */
  latency_ms: LatencyPercentiles
}

/** One Core Web Vital at the 75th percentile, as web-vitals and CrUX report it. */
export interface WebVitalStat {
  /** The vital. */
  name: 'LCP' | 'INP' | 'CLS' | 'FCP' | 'TTFB'
  /** The metric it is read from, e.g. `web_vitals.lcp.ms`. */
  metric: string
  /** Milliseconds, or a unitless score for CLS; null without samples. */
  p75: number | null
  /** Page loads measured. */
  samples: number
  /** Google's thresholds applied to `p75`; null without samples. */
  rating: 'good' | 'needs-improvement' | 'poor' | null
}

/** An instrumented dependency (database, third-party API) seen through its timing metric. */
export interface DependencyHealth {
  /** The `timed` metric's name, e.g. `db.query.duration.ms`. */
  name: string
  /** Calls in the window. */
  calls: number
  /** Calls whose `outcome` tag was `error`. */
  errors: number
  /** `errors / calls`; null without calls. */
  error_rate: number | null
  /** Call duration percentiles. */
  latency_ms: LatencyPercentiles
}

/** Errors grouped by message. */
export interface ErrorGroup {
  /** The error message (client `error_occurred` events) or `METHOD route → status` (server 5xx). */
  message: string
  /** `client`: `error_occurred` events; `server`: 5xx responses. */
  source: 'client' | 'server'
  /** Occurrences in the window. */
  count: number
  /** Distinct users who hit it (0 for server errors, which carry no user). */
  users: number
  /** When it last happened. */
  last_seen: string
}

/** Answer of `overview`: is the app healthy right now? */
export interface OverviewReport extends ReportEnvelope<'overview'> {
  /** Server requests, from the `http.server.duration.ms` histogram. */
  requests: {
    /** Requests in the window. */
    total: number
    /** `total` over the window's seconds. */
    per_second: number
    /** 5xx responses. */
    errors: number
    /** `errors / total`; null without requests. */
    error_rate: number | null
    /** 4xx responses, not counted as errors. */
    client_errors: number
    /** Response time percentiles. */
    latency_ms: LatencyPercentiles
    /** Busiest first, at most 20. */
    by_route: RouteStats[]
  }
  /** Distinct users recently active. */
  active_users: {
    /** Distinct users with an event in the 5 minutes before the end of the window. */
    last_5_minutes: number
    /** Distinct users with an event in the day before the end of the window. */
    last_day: number
  }
  /** The five Core Web Vitals, LCP first. */
  web_vitals: WebVitalStat[]
  /** The health of the pipeline itself and of what the app depends on. */
  service_health: {
    /** The collector's intake. */
    collector: {
      /** When the newest event was received; null when none ever was. */
      last_received_at: string | null
      /** Median milliseconds between an event's (corrected) time and its arrival, in the window. */
      ingest_lag_ms: number | null
    }
    /** The store the report read. */
    store: {
      /** `duckdb` or `clickhouse`. */
      dialect: string
      /** Whether its queries answered. */
      reachable: boolean
      /** Milliseconds this report's queries took. */
      query_ms: number
    }
    /** Each `timed` histogram (one with an `outcome` tag), by metric name. */
    dependencies: DependencyHealth[]
    /** Each queue reporting `queue.depth.count` / `queue.lag.ms`, at its latest point in the window. */
    queues: {
      /** The queue's `queue` tag. */
      queue: string
      /** Jobs waiting at the latest point; null when the queue reports no depth. */
      depth: number | null
      /** Age of the oldest waiting job in milliseconds at the latest point; null when not reported. */
      lag_ms: number | null
    }[]
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
  /** The day to report, `YYYY-MM-DD` (default today, UTC). */
  day?: string
  /** The signup event (default `signup_completed`). */
  signup?: string
  /** The conversion event (default `checkout_completed`). */
  conversion?: string
  /** The conversion event's numeric property summed as revenue (default `order_value`). */
  revenue?: string
}

/** One day of the business series. */
export interface BusinessDay {
  /** The day, `YYYY-MM-DD`. */
  day: string
  /** Distinct users with an event that day. */
  active_users: number
  /** Signup events. */
  signups: number
  /** Conversion events. */
  conversions: number
  /** Sum of the revenue property over the conversion events. */
  revenue: number
}

/** Answer of `business`: how is the product doing today against yesterday? */
export interface BusinessReport extends ReportEnvelope<'business'> {
  /** The day reported, `YYYY-MM-DD`. */
  day: string
  /** The day it is compared with. */
  previous_day: string
  /** The event and property names the report used. */
  events: {
    /** The signup event. */
    signup: string
    /** The conversion event. */
    conversion: string
    /** The conversion event's property summed as revenue. */
    revenue_property: string
  }
  /** Signup events. */
  signups: DayComparison
  /** Conversion events (not converting users). */
  conversions: DayComparison
  /** Sum of the revenue property over the conversion events. */
  revenue: DayComparison
  /** Distinct users of `day`, and of the 7 and 30 days ending with it. */
  active_users: {
    /** Distinct users of `day`. */
    dau: number
    /** Distinct users of the 7 days ending with `day`. */
    wau: number
    /** Distinct users of the 30 days ending with `day`. */
    mau: number
  }
  /** Sessions that started on `day`; a session's length is its last event minus its first. */
  sessions: {
    /** Sessions that started on `day`. */
    count: number
    /** Their median length in seconds; null without sessions. */
    median_length_seconds: number | null
  }
  /** One entry per day of the window, oldest first. */
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
  /** Comma-separated event names, 2 to 10, in order. */
  steps: string
  /** Seconds from the first step in which the others must happen (default 86,400). */
  within?: string
  /** A property of the first step's event, or `experiment:<key>` to split by variant. */
  breakdown?: string
}

/** One step of a funnel. */
export interface FunnelStep {
  /** The step's event name. */
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
  /** The funnel of this group. */
  steps: FunnelStep[]
}

/** Answer of `funnel`. */
export interface FunnelReport extends ReportEnvelope<'funnel'> {
  /** The conversion window used. */
  within_seconds: number
  /** The steps, in order, over everyone. */
  steps: FunnelStep[]
  /** Present when `breakdown` was given; largest groups first, at most 20. */
  breakdown?: {
    /** The `breakdown` parameter as given: a property name or `experiment:<key>`. */
    by: string
    /** The funnel of each value. */
    groups: FunnelGroup[]
  }
}

// ---------------------------------------------------------------- retention

/**
 * Parameters of `retention`. `period`: `day` (default) or `week` (weeks start on Monday).
 * `event`: the returning event (default: any event). `periods`: how many periods after the cohort's
 * to report, 1 to 52 (default 7 for days, 8 for weeks). Cohorts are users by the period of their first
 * event ever; the window selects which cohorts are shown (default: the last 14 days or 8 weeks).
 */
export interface RetentionParams extends RangeParams {
  /** Cohort and return period: `day` (default) or `week` (from Monday). */
  period?: 'day' | 'week'
  /** The returning event (default: any event). */
  event?: string
  /** Periods after the cohort's own to report, 1 to 52 (default 7 days or 8 weeks). */
  periods?: string
}

/** One cohort's row. */
export interface RetentionCohort {
  /** The first day of the cohort's period, `YYYY-MM-DD`. */
  cohort: string
  /** Users whose first event ever fell in the cohort's period. */
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
  /** The period used. */
  period: 'day' | 'week'
  /** The returning event, or null for any event. */
  event: string | null
  /** Periods reported after the cohort's own. */
  periods: number
  /** One row per cohort, oldest first. */
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
  /** The experiment's key. */
  key: string
  /** Where it stands. */
  status: ExperimentStatus
  /** First and latest exposure; null when never exposed. */
  started_at: string | null
  /** The latest exposure; null when never exposed. */
  last_exposure_at: string | null
  /** Day N of M: N counts from 1 on the day of the first exposure; null when never exposed. */
  day: number | null
  /** M: planned days, from the definition given to the collector (`plannedDays`), else null. */
  planned_days: number | null
  /** Units exposed to exactly one variant, by variant. */
  variants: {
    /** The variant's name. */
    name: string
    /** Units exposed to it only. */
    units: number
  }[]
  /** Units exposed to more than one variant (left out of `variants`). */
  excluded_units: number
  /** Sample-ratio mismatch: does the split match the definition's weights (equal by default)? */
  srm: {
    /** P-value of the chi-square test of the split against the planned weights; null without units. */
    p_value: number | null
    /** Whether `p_value` is below 0.001: the split is not what was planned. */
    mismatch: boolean
  }
}

/** Answer of `experiments`. */
export interface ExperimentsReport extends ReportEnvelope<'experiments'> {
  /** Every experiment with exposures in the window or a definition given to the collector; running ones first, then the most recently started. */
  experiments: ExperimentSummary[]
}

/**
 * Parameters of `experiment`. `key`: the experiment (required). `metric`: the conversion event
 * (required). `value`: a numeric property of the conversion event summed as revenue. `days`: planned
 * length, overriding the definition's. `control`: the control variant (default: the definition's first
 * variation, else the alphabetically first). `alpha` (default 0.05). Default window: all time.
 */
export interface ExperimentParams extends RangeParams {
  /** The experiment's key. */
  key: string
  /** The conversion event. */
  metric: string
  /** A numeric property of the conversion event, summed as revenue. */
  value?: string
  /** The planned length in days, overriding the definition's. */
  days?: string
  /** The control variant (default: the definition's first variation, else the alphabetically first). */
  control?: string
  /** The significance level (default 0.05). */
  alpha?: string
}

/** One variant's results; lifts and p-value are against the control. */
export interface ExperimentVariant {
  /** The variant's name. */
  name: string
  /** Whether it is the control. */
  is_control: boolean
  /** Distinct units exposed to this variant only. */
  units: number
  /** Units that did the metric event after their first exposure (each unit at most once). */
  conversions: number
  /** `conversions / units`; null without units. */
  conversion_rate: number | null
  /** Sum of `value` over those post-exposure conversion events; null without `value`. */
  revenue: number | null
  /** `revenue / units`; null without `value` or units. */
  revenue_per_unit: number | null
  /** Relative lift of the conversion rate against the control (0.1 = +10%); 0 for the control. */
  lift: number | null
  /** Confidence interval (1 − alpha) of `lift`, the absolute interval divided by the control's rate. */
  lift_ci: [number, number] | null
  /** Conversion rate minus the control's; 0 for the control. */
  absolute_lift: number | null
  /** Confidence interval (1 − alpha) of `absolute_lift`. */
  absolute_lift_ci: [number, number] | null
  /** Two-sided p-value of the two-proportion z-test; 1 for the control. */
  p_value: number | null
  /** Whether `p_value` is below `alpha`. */
  significant: boolean
  /** `better` or `worse` than the control when significant, `inconclusive` otherwise; `control` for the control. */
  verdict: 'control' | 'better' | 'worse' | 'inconclusive'
}

/** Answer of `experiment`. */
export interface ExperimentReport extends ReportEnvelope<'experiment'> {
  /** The experiment's key. */
  key: string
  /** The conversion event. */
  metric: string
  /** The property summed as revenue; null without `value`. */
  value_property: string | null
  /** Where it stands. */
  status: ExperimentStatus
  /** The first exposure; null when never exposed. */
  started_at: string | null
  /** Day N: from 1 on the day of the first exposure; null when never exposed. */
  day: number | null
  /** The planned length (`days`, else the definition's); null when unknown. */
  planned_days: number | null
  /** The control variant. */
  control: string
  /** The significance level used. */
  alpha: number
  /** Every variant: the definition's variations in order, then any others alphabetically. */
  variants: ExperimentVariant[]
  /** Sample-ratio mismatch against the definition's weights (equal by default), chi-square at 0.001. */
  srm: {
    /** The test's p-value; null without units. */
    p_value: number | null
    /** The chi-square statistic; null without units. */
    chi_square: number | null
    /** Units expected per variant (in `variants` order) under the planned weights. */
    expected: number[]
    /** Whether `p_value` is below 0.001: the results are not trustworthy. */
    mismatch: boolean
  }
  /** Units exposed to more than one variant: left out of every number above. */
  excluded: {
    /** How many units. */
    units: number
    /** Up to 10 of their ids, to look into. */
    sample: string[]
  }
  /** The result in words, e.g. `treatment +10.0% conversion (p=0.017, significant)`. */
  summary: string
}

// ---------------------------------------------------------------- quality

/**
 * Parameters of `quality`. `late_after`: seconds between an event's time and its arrival beyond which
 * it is late (default 3,600). Default window: the last 24 hours, by arrival time.
 */
export interface QualityParams extends RangeParams {
  /** Seconds between an event's time and its arrival beyond which it is late (default 3,600). */
  late_after?: string
}

/** Answer of `quality`: can the numbers be trusted? */
export interface QualityReport extends ReportEnvelope<'quality'> {
  /** What was stored. */
  events: {
    /** Rows stored, duplicates and bots included. */
    received: number
    /** Distinct `message_id`s. */
    unique: number
    /** `received − unique`. */
    duplicates: number
    /** `duplicates / received`. */
    duplicate_rate: number | null
    /** Unique events flagged as bots. */
    bots: number
  }
  /** By reason, most events first. */
  rejections: {
    /** Why the collector refused, e.g. `malformed_json`, `rate_limited`, `invalid_event`. */
    reason: string
    /** Events refused for it. */
    events: number
    /** Whole requests refused for it (before their events were read). */
    requests: number
  }[]
  /** Events the collector refused, all reasons together. */
  rejected_events: number
  /** Events that arrived more than `late_after_seconds` after their (corrected) time. */
  late: {
    /** Late events. */
    events: number
    /** The threshold used (`late_after`). */
    late_after_seconds: number
    /** The longest delay seen; null without events. */
    max_delay_seconds: number | null
  }
  /** Events whose client time was ahead of the time their batch was sent (clock set in the future). */
  future: {
    /** How many. */
    events: number
  }
  /** Client clock minus corrected time, in milliseconds (positive: the client's clock runs ahead). */
  clock_skew: {
    /** Events the skew could be measured on. */
    samples: number
    /** Median skew; null without samples. */
    p50_ms: number | null
    /** 95th percentile of the absolute skew; null without samples. */
    p95_abs_ms: number | null
    /** Largest absolute skew; null without samples. */
    max_abs_ms: number | null
    /** Events by absolute skew: under 1 s, 1 s–1 min, 1 min–1 h, over 1 h. */
    buckets: {
      /** The bucket, e.g. `< 1 s`. */
      label: string
      /** Events in it. */
      events: number
    }[]
  }
  /** Events not in the app's catalogue, and events that failed its schema, by name. */
  schema: {
    /** Events whose name is not in the catalogue. */
    unknown: {
      /** The event's name. */
      event_name: string
      /** How many. */
      events: number
    }[]
    /** Events that failed their schema. */
    invalid: {
      /** The event's name. */
      event_name: string
      /** How many. */
      events: number
      /** One of the validation errors, as the collector recorded it. */
      example_error: string | null
    }[]
  }
  /** What clients dropped before sending, from their `kit.events_dropped.count` health counter. */
  client_drops: {
    /** The drop reason, e.g. `sampled_out`, `consent_denied`, `queue_full`. */
    reason: string
    /** Events dropped for it. */
    events: number
  }[]
}

// ---------------------------------------------------------------- maps

/** Each report's answer by name. */
export interface ReportResults {
  /** `GET <base>/query/overview`. */
  overview: OverviewReport
  /** `GET <base>/query/business`. */
  business: BusinessReport
  /** `GET <base>/query/funnel`. */
  funnel: FunnelReport
  /** `GET <base>/query/retention`. */
  retention: RetentionReport
  /** `GET <base>/query/experiments`. */
  experiments: ExperimentsReport
  /** `GET <base>/query/experiment`. */
  experiment: ExperimentReport
  /** `GET <base>/query/quality`. */
  quality: QualityReport
}

/** Each report's query parameters by name (all values are strings, as in the URL). */
export interface ReportParamsByName {
  /** `?from=&to=&route=` */
  overview: OverviewParams
  /** `?day=&signup=&conversion=&revenue=&from=&to=` */
  business: BusinessParams
  /** `?steps=&within=&breakdown=&from=&to=` */
  funnel: FunnelParams
  /** `?period=&event=&periods=&from=&to=` */
  retention: RetentionParams
  /** `?from=&to=` */
  experiments: ExperimentsParams
  /** `?key=&metric=&value=&days=&control=&alpha=&from=&to=` */
  experiment: ExperimentParams
  /** `?late_after=&from=&to=` */
  quality: QualityParams
}

/** The body of a 400 answer to a bad parameter. */
export interface ReportErrorBody {
  /** What is wrong, in words. */
  error: string
  /** The parameter at fault. */
  param?: string
}
