import { readIdentity, withRequestMetrics } from 'instrumentkit/server'
import { analytics } from '@/lib/server'

export const dynamic = 'force-dynamic'
export const runtime = 'nodejs'

// server-side tracking in a route handler, with request metrics under the file route's template
export const POST = withRequestMetrics(analytics, '/api/checkout', async (request: Request) => {
  const visitor = readIdentity(request)
  if (!visitor) return Response.json({ error: 'no visitor' }, { status: 400 })
  const { amount } = (await request.json()) as { amount: number }
  const orderId = `ord_${Date.now().toString(36)}`
  await analytics.timed('payments.charge.ms', () => new Promise((resolve) => setTimeout(resolve, 20)), {
    provider: 'demo',
  })
  analytics.track('purchase_completed', { order_id: orderId, order_value: amount, currency: 'EUR' }, visitor)
  analytics.metrics.increment('purchase.success.count')
  // a serverless function may be frozen after it answers: deliver before answering
  await analytics.flush()
  return Response.json({ orderId })
})
