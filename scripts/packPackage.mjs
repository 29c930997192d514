// The package as a user receives it: `npm pack` of the built dist/, installed into a fresh folder.
// scripts/check-package.mjs checks the tarball this way, and the getting-started walk
// (test/browser/gettingStarted.test.ts) installs it into the Vite app a new user would have.
import { execFile } from 'node:child_process'
import { mkdirSync, rmSync } from 'node:fs'
import { join, resolve } from 'node:path'

const root = resolve(import.meta.dirname, '..')

/** Runs npm with `args` in `cwd`; resolves with what it printed, rejects with that output when it fails. */
export function npm(args, cwd) {
  return new Promise((done, fail) => {
    execFile('npm', args, { cwd, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) fail(new Error(`npm ${args.join(' ')} (in ${cwd}) failed:\n${stdout}${stderr}`))
      else done(`${stdout}${stderr}`)
    })
  })
}

/**
 * Packs the repository as `npm publish` would (dist/ must be built) into `destination`, which is emptied
 * first; resolves with the tarball's path.
 */
export async function packPackage(destination) {
  rmSync(destination, { recursive: true, force: true })
  mkdirSync(destination, { recursive: true })
  const printed = await npm(['pack', '--pack-destination', destination, '--silent'], root)
  const name = printed.trim().split('\n').pop()
  if (!name?.endsWith('.tgz')) throw new Error(`npm pack printed no tarball name:\n${printed}`)
  return join(destination, name)
}

/**
 * `npm install` in `dir`, of its package.json and of `specs` (tarball paths, `name@range`), quietly and
 * from npm's cache where it can.
 */
export function npmInstall(dir, specs = []) {
  return npm(['install', '--no-audit', '--no-fund', '--prefer-offline', ...specs], dir)
}
