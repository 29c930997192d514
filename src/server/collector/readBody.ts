/** Why a body could not be read: answered with the status the caller maps it to. */
export class BodyError extends Error {
  constructor(
    readonly status: 400 | 413 | 415,
    readonly reason: string,
    message: string,
  ) {
    super(message)
  }
}

/** Limits on what a request may carry. */
export interface BodyLimits {
  /** Bytes on the wire, compressed or not (default 512 KB). */
  maxBytes: number
  /** Bytes after decompression; a gzip bomb is refused once it inflates past this (default 5 MB). */
  maxInflatedBytes: number
}

/**
 * Reads a request body as text, stopping as soon as a limit is passed: the raw body is cut at
 * `maxBytes`, and a gzip body is inflated through a stream and abandoned once it passes
 * `maxInflatedBytes`, so neither a large upload nor a bomb is ever held whole.
 */
export async function readBody(request: Request, url: URL, limits: BodyLimits): Promise<string> {
  const declared = Number(request.headers.get('content-length'))
  if (declared > limits.maxBytes)
    throw new BodyError(
      413,
      'batch_too_large',
      `body of ${declared} bytes is over the ${limits.maxBytes}-byte limit`,
    )
  const encoding = request.headers.get('content-encoding')?.trim().toLowerCase()
  const gzip = encoding === 'gzip' || url.searchParams.get('compression') === 'gzip'
  if (encoding && encoding !== 'gzip' && encoding !== 'identity')
    throw new BodyError(
      415,
      'unsupported_encoding',
      `Content-Encoding "${encoding}" is not supported; send gzip or none`,
    )
  if (!request.body) return ''
  let stream: ReadableStream<Uint8Array> = request.body.pipeThrough(
    limitStream(limits.maxBytes, 'batch_too_large'),
  )
  if (gzip)
    stream = stream
      .pipeThrough(new DecompressionStream('gzip') as unknown as TransformStream<Uint8Array, Uint8Array>)
      .pipeThrough(limitStream(limits.maxInflatedBytes, 'inflated_too_large'))
  const chunks: Uint8Array[] = []
  let size = 0
  const reader = stream.getReader()
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      chunks.push(value)
      size += value.byteLength
    }
  } catch (error) {
    if (error instanceof BodyError) throw error
    throw new BodyError(
      400,
      gzip ? 'bad_compression' : 'unreadable_body',
      gzip ? 'body is not valid gzip' : 'body could not be read',
    )
  } finally {
    reader.releaseLock()
  }
  const all = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    all.set(chunk, offset)
    offset += chunk.byteLength
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(all)
  } catch {
    throw new BodyError(400, 'malformed_json', 'body is not valid UTF-8')
  }
}

// errors the stream, and so cancels its source, once more than `max` bytes have passed
function limitStream(max: number, reason: string): TransformStream<Uint8Array, Uint8Array> {
  let seen = 0
  return new TransformStream({
    transform(chunk, controller) {
      seen += chunk.byteLength
      if (seen > max) {
        const message =
          reason === 'batch_too_large'
            ? `body is over the ${max}-byte limit`
            : `body inflates past the ${max}-byte limit`
        controller.error(new BodyError(413, reason, message))
        return
      }
      controller.enqueue(chunk)
    },
  })
}
