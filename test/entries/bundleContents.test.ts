// @vitest-environment node
import { resolve } from 'node:path'
import { build } from 'esbuild'
import { describe, expect, it } from 'vitest'

const src = (file: string) => JSON.stringify(resolve(import.meta.dirname, '../../src', file))

/** The production app bundle of `code`, and the source files that put bytes into it. */
async function bundle(code: string): Promise<{ text: string; files: string[] }> {
  const result = await build({
    stdin: { contents: code, resolveDir: import.meta.dirname, loader: 'tsx' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    jsx: 'automatic',
    external: ['react', 'react-dom', 'react/*', 'react-dom/*'],
    define: { 'process.env.NODE_ENV': '"production"' },
    write: false,
    metafile: true,
    logLevel: 'silent',
  })
  const [output] = Object.values(result.metafile.outputs)
  const files = Object.entries(output!.inputs)
    .filter(([, input]) => input.bytesInOutput > 0)
    .map(([path]) => path.replace(/^.*?src\//, ''))
  return { text: result.outputFiles[0]!.text, files }
}

const filesIn = async (code: string) => (await bundle(code)).files

describe('what an app bundle carries', () => {
  it('at defaults, only the client and its delivery: no hashing, Segment transport, metrics or experiments', async () => {
    const files = await filesIn(
      `import { createAnalytics, fetchTransport } from ${src('index.ts')}\n` +
        "createAnalytics({ transport: fetchTransport({ url: '/batch' }) }).track('app_opened')\n",
    )
    expect(files).toContain('core/createAnalytics.ts')
    expect(files).toContain('delivery/fetchTransport.ts')
    expect(files.filter((f) => /sha256|segmentTransport|^metrics\/|^experiments\//.test(f))).toEqual([])
  })

  it('with the React card set, experiments but still no hashing, Segment transport or metrics', async () => {
    const files = await filesIn(
      `import { createAnalytics, fetchTransport, defineExperiment } from ${src('index.ts')}\n` +
        `import { AnalyticsProvider, useTrack, TrackedButton, Experiment, Variant } from ${src('react.ts')}\n` +
        'export const app = [createAnalytics, fetchTransport, defineExperiment, AnalyticsProvider, useTrack, TrackedButton, Experiment, Variant]\n',
    )
    expect(files).toContain('experiments/createExperiments.ts')
    expect(files.filter((f) => /sha256|segmentTransport|^metrics\//.test(f))).toEqual([])
  })

  it('in production, drops carry their reason without the development text of their detail', async () => {
    const { text } = await bundle(
      `import { createAnalytics, fetchTransport } from ${src('index.ts')}\n` +
        "createAnalytics({ transport: fetchTransport({ url: '/batch' }) }).track('app_opened')\n",
    )
    for (const reason of ['too_large', 'sampled_out', 'unknown_event', 'retries_exhausted'])
      expect(text).toContain(`"${reason}"`)
    for (const detail of [
      'is not in the event catalogue',
      'larger than',
      'must be a non-empty string',
      'HTTP 413',
    ])
      expect(text).not.toContain(detail)
  })

  it('with hashing configured, SHA-256 comes along', async () => {
    const files = await filesIn(
      `import { createAnalytics, sha256 } from ${src('index.ts')}\n` +
        "createAnalytics({ privacy: { hashKeys: ['email'], hash: sha256 } }).track('app_opened')\n",
    )
    expect(files).toContain('lib/sha256.ts')
  })
})
