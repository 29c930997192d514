export const CLUSTER: string
export const INSTALL_HINT: string
export function findClickHouse(): { command: string; args: string[] } | null
export interface LocalClickHouse {
  /** The server's `version()`. */
  version: string
  /** HTTP URL of the single server. */
  single: string
  /** The two-shard cluster: its name in `remote_servers` and each shard's HTTP URL. */
  cluster: { name: string; nodes: string[] }
  stop(): Promise<void>
}
export function startClickHouse(): Promise<LocalClickHouse>
