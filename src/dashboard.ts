/**
 * React components of the dashboard that reads the collector's reports: the whole `Dashboard`, or
 * each view on its own inside a `DashboardProvider`.
 *
 * @module instrumentkit/dashboard
 */
export type { BusinessViewProps } from './dashboard/BusinessView.js'
export { BusinessView } from './dashboard/BusinessView.js'
export type { DashboardProps } from './dashboard/Dashboard.js'
export { DASHBOARD_SECTIONS, Dashboard } from './dashboard/Dashboard.js'
export type { DashboardProviderProps } from './dashboard/DashboardProvider.js'
export { DashboardProvider } from './dashboard/DashboardProvider.js'
export type { DateRange, RangePreset } from './dashboard/dateRange.js'
export type { ExperimentsViewProps } from './dashboard/ExperimentsView.js'
export { ExperimentsView } from './dashboard/ExperimentsView.js'
export type { ExperimentViewProps } from './dashboard/ExperimentView.js'
export { ExperimentView } from './dashboard/ExperimentView.js'
export type { FunnelViewProps } from './dashboard/FunnelView.js'
export { FunnelView } from './dashboard/FunnelView.js'
export type { QueryApiOptions, ReportOutcome } from './dashboard/fetchReport.js'
export { fetchReport } from './dashboard/fetchReport.js'
export type { OverviewViewProps } from './dashboard/OverviewView.js'
export { OverviewView } from './dashboard/OverviewView.js'
export type { QualityViewProps } from './dashboard/QualityView.js'
export { QualityView } from './dashboard/QualityView.js'
export type { RetentionViewProps } from './dashboard/RetentionView.js'
export { RetentionView } from './dashboard/RetentionView.js'
export type { ReportState, ReportStatus, UseReportOptions } from './dashboard/useReport.js'
export { useReport } from './dashboard/useReport.js'
