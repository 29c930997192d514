import { type ChildProcess, spawn } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import { resolve } from 'node:path'
import { bundleForNode } from '../../../scripts/bundleForNode.mjs'

const root = resolve(import.meta.dirname, '../../..')
const children = new Set<ChildProcess>()
// a test that fails before stopping its server must not leave the process behind
process.on('exit', () => {
  for (const child of children) child.kill('SIGKILL')
})

/** Kills every server a test started and did not stop. */
export function killAll(): void {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL')
  children.clear()
}

/** Bundles the `instrumentkit` command from src/ into .tmp (beside node_modules), once per test file. */
export async function buildCli(): Promise<string> {
  const outfile = resolve(root, '.tmp', `cli-${process.pid}`, 'cli.mjs')
  mkdirSync(resolve(outfile, '..'), { recursive: true })
  return bundleForNode(resolve(root, 'src/cli/main.ts'), outfile)
}

/** A running `instrumentkit serve` process and what it printed. */
export interface Running {
  child: ChildProcess
  url: string
  output(): string
  exited: Promise<number | null>
  /** Sends `signal` (SIGTERM) unless it already exited, and resolves with its exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>
}

/**
 * Starts `node <cli> serve --port 0 …args` in `cwd` (the repository root unless given) and resolves once
 * it prints its address.
 */
export function startServe(
  cli: string,
  args: string[],
  { cwd = root }: { cwd?: string } = {},
): Promise<Running> {
  const child = spawn(process.execPath, [cli, 'serve', '--port', '0', ...args], {
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  children.add(child)
  let out = ''
  child.stdout!.on('data', (c) => {
    out += c
  })
  child.stderr!.on('data', (c) => {
    out += c
  })
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)))
  return new Promise((resolvePromise, reject) => {
    const check = () => {
      const url = /listening on (http:\/\/\S+)/.exec(out)?.[1]
      if (url) {
        child.stdout!.off('data', check)
        const stop = (signal: NodeJS.Signals = 'SIGTERM') => {
          if (child.exitCode === null && child.signalCode === null) child.kill(signal)
          return exited
        }
        resolvePromise({ child, url, output: () => out, exited, stop })
      }
    }
    child.stdout!.on('data', check)
    exited.then((code) => reject(new Error(`serve exited with ${code} before listening:\n${out}`)))
  })
}
