/**
 * Bundles `entry` into `outfile` as one ESM file for Node, packages left as imports; resolves with
 * `outfile`. `production` sets `process.env.NODE_ENV` to "production" in the bundle.
 */
export function bundleForNode(
  entry: string,
  outfile: string,
  options?: { production?: boolean },
): Promise<string>
