/**
 * Gzips text with `CompressionStream`, asynchronously: the body (at most one batch, 500 KB) is written
 * in one piece, which in Chromium costs about 0.35 ms per 60 KB — several times less than piping a
 * `Blob` stream through it. Resolves undefined where the API is missing or fails, so callers send the
 * text uncompressed.
 */
export async function gzip(text: string): Promise<Uint8Array | undefined> {
  const Compression = (globalThis as { CompressionStream?: typeof CompressionStream }).CompressionStream
  if (!Compression || typeof Response !== 'function' || typeof TextEncoder !== 'function') return undefined
  try {
    const stream = new Compression('gzip')
    const writer = stream.writable.getWriter()
    writer.write(new TextEncoder().encode(text)).catch(() => {})
    writer.close().catch(() => {})
    return new Uint8Array(await new Response(stream.readable).arrayBuffer())
  } catch {
    return undefined
  }
}
