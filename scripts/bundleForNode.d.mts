/** Bundles `entry` into `outfile` as one ESM file for Node, packages left as imports; resolves with `outfile`. */
export function bundleForNode(entry: string, outfile: string): Promise<string>
