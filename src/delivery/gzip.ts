/**
 * Gzips text with `CompressionStream`, which streams the work in chunks instead of blocking the main
 * thread for the whole body. Resolves undefined where the API is missing or fails, so callers send the
 * text uncompressed.
 */
export async function gzip(text: string): Promise<Uint8Array | undefined> {
  const Compression = (globalThis as { CompressionStream?: typeof CompressionStream }).CompressionStream
  if (!Compression || typeof Blob !== 'function' || typeof Response !== 'function') return undefined
  try {
    const stream = new Blob([text]).stream().pipeThrough(new Compression('gzip'))
    return new Uint8Array(await new Response(stream).arrayBuffer())
  } catch {
    return undefined
  }
}
