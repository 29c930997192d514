import type { Store } from './types.js'

/**
 * `Store.recentMessageIds` over a store's SQL, the same in both dialects: ids received since `sinceMs`,
 * each once, the most recently received first.
 */
export async function recentMessageIds(
  query: Store['query'],
  sinceMs: number,
  limit: number,
): Promise<string[]> {
  const rows = await query<{ message_id: string }>(
    `SELECT message_id FROM events WHERE received_at_ms >= {since}
     GROUP BY message_id ORDER BY max(received_at_ms) DESC LIMIT {limit}`,
    { since: sinceMs, limit: Math.max(0, Math.floor(limit)) },
  )
  return rows.map((row) => row.message_id)
}
