/**
 * Bundles `entry` into `outfile` as one ESM file for Node, packages left as imports; resolves with
 * `outfile`. `production` sets `process.env.NODE_ENV` to "production" in the bundle; `alias` maps import
 * names to files bundled in their place.
 */
export function bundleForNode(
  entry: string,
  outfile: string,
  options?: { production?: boolean; alias?: Record<string, string> },
): Promise<string>
