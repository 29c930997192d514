import { z } from 'zod'

const productId = z.number().int().positive()
const money = z.number().nonnegative()

/**
 * The shop's own events, validated with Zod (any Standard Schema library works). They are merged
 * with the kit's standard catalogue in analytics.ts, so `track` checks their properties at compile
 * time and the pipeline checks them at run time.
 */
export const shopEvents = {
  /** A product card was on screen long enough to count as an impression. */
  product_seen: z.object({
    product_id: productId,
    position: z.number().int().nonnegative(),
    list: z.string(),
  }),
  /** The pointer rested on a product card: noisy, so it is sampled (see analytics.ts). */
  product_card_hovered: z.object({ product_id: productId }),
  product_viewed: z.object({
    product_id: productId,
    product_name: z.string(),
    price: money,
    category: z.string(),
  }),
  product_added: z.object({
    product_id: productId,
    product_name: z.string(),
    price: money,
    quantity: z.number().int().positive(),
    cart_value: money,
  }),
  product_removed: z.object({ product_id: productId, cart_value: money }),
  checkout_started: z.object({ cart_value: money, item_count: z.number().int().positive() }),
  checkout_step_viewed: z.object({ step: z.number().int().positive(), step_name: z.string() }),
  checkout_step_completed: z.object({ step: z.number().int().positive(), step_name: z.string() }),
}
