/**
 * Gzips the UTF-8 bytes of a body with `CompressionStream`, asynchronously: the body (at most one batch, 500 KB) is written
 * in one piece, which in Chromium costs about 0.35 ms per 60 KB — several times less than piping a
 * `Blob` stream through it. Resolves undefined where the API is missing or fails, so callers send the
 * body uncompressed.
 */
export async function gzip(data: Uint8Array<ArrayBuffer>): Promise<Uint8Array | undefined> {
  const Compression = (globalThis as { CompressionStream?: typeof CompressionStream }).CompressionStream
  if (!Compression || typeof Response !== 'function') return undefined
  try {
    const stream = new Compression('gzip')
    const writer = stream.writable.getWriter()
    writer.write(data).catch(() => {})
    writer.close().catch(() => {})
    return new Uint8Array(await new Response(stream.readable).arrayBuffer())
  } catch {
    return undefined
  }
}
