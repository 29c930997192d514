import express from 'express'
import { expressRequestMetrics, readIdentity, type ServerAnalytics } from 'instrumentkit/server'

/** What the shop needs from its payment provider and database. */
export interface Shop {
  charge(userId: string, amount: number): Promise<{ orderId: string }>
  saveOrder(order: { orderId: string; userId: string; amount: number }): Promise<void>
}

/** An error with a type worth counting (`card_declined`, `insufficient_stock`). */
export class PurchaseError extends Error {
  constructor(readonly type: string) {
    super(type)
    this.name = 'PurchaseError'
  }
}

/**
 * The purchase endpoint of the instrumentation practice, written with the kit: the event for the user,
 * the processing time as a histogram, successes and failures counted by error type, the payment call and
 * the database write timed, and request metrics for every route.
 */
export function createApp(analytics: ServerAnalytics, shop: Shop) {
  const app = express()
  const requestMetrics = expressRequestMetrics(analytics)
  app.use(requestMetrics)
  // stands in for the app's own authentication
  app.use((req, _res, next) => {
    const userId = req.header('x-user-id')
    if (userId) (req as typeof req & { user: { id: string } }).user = { id: userId }
    next()
  })

  app.post('/api/purchase', express.json(), async (req, res) => {
    const user = (req as typeof req & { user?: { id: string } }).user
    if (!user) return void res.status(401).json({ error: 'sign in first' })
    const timer = analytics.metrics.startTimer('purchase.processing.ms')
    try {
      const amount = Number(req.body.amount)
      const { orderId } = await analytics.timed('payments.charge.ms', () => shop.charge(user.id, amount), {
        provider: 'stripe',
      })
      await analytics.timed('db.query.ms', () => shop.saveOrder({ orderId, userId: user.id, amount }), {
        table: 'orders',
        op: 'insert',
      })
      // the browser's ids from its cookie join this event to the clicks before it
      analytics.track(
        'purchase_completed',
        { order_id: orderId, order_value: amount, currency: 'USD' },
        { userId: user.id, ...readIdentity(req) },
      )
      analytics.metrics.increment('purchase.success.count')
      timer.end({ outcome: 'success' })
      res.json({ orderId })
    } catch (error) {
      const type = error instanceof PurchaseError ? error.type : 'internal'
      analytics.metrics.increment('purchase.failed.count', 1, { error_type: type })
      timer.end({ outcome: 'error' })
      res.status(error instanceof PurchaseError ? 402 : 500).json({ error: type })
    }
  })

  app.get('/api/orders/:id', (req, res) => {
    res.json({ orderId: req.params.id })
  })
  app.use(requestMetrics.errors)
  return app
}
