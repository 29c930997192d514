// Builds every public entry as ESM (dist/esm) and CJS (dist/cjs), each with its own declarations, and the
// static dashboard app `instrumentkit serve` hosts (dist/dashboard-app).
// dist/cjs carries a package.json of type "commonjs" so that Node and TypeScript read its .js and
// .d.ts files as CommonJS while the package itself stays "type": "module".
import { execFileSync } from 'node:child_process'
import { rmSync, writeFileSync } from 'node:fs'
import { build } from 'vite'

rmSync('dist', { recursive: true, force: true })
for (const target of ['browser', 'server']) {
  for (const format of ['es', 'cjs']) {
    process.env.IK_TARGET = target
    process.env.IK_FORMAT = format
    await build({ logLevel: 'warn' })
  }
}
process.env.IK_TARGET = 'dashboard-app'
await build({ logLevel: 'warn' })
for (const dir of ['dist/esm', 'dist/cjs']) {
  execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json', '--outDir', dir], { stdio: 'inherit' })
}
writeFileSync('dist/cjs/package.json', `${JSON.stringify({ type: 'commonjs' }, null, 2)}\n`)
console.log('built dist/esm, dist/cjs and dist/dashboard-app')
