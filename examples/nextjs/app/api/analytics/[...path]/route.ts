import { collector } from '@/lib/server'

// the collector answers POST /api/analytics/batch, GET /api/analytics/health and the query API
export const dynamic = 'force-dynamic'
export const runtime = 'nodejs'

export const GET = (request: Request) => collector.fetch(request)
export const POST = (request: Request) => collector.fetch(request)
export const OPTIONS = (request: Request) => collector.fetch(request)
