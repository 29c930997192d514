/** Runs npm with `args` in `cwd`; resolves with what it printed, rejects with that output when it fails. */
export function npm(args: string[], cwd: string): Promise<string>
/** Packs the repository (dist/ must be built) into `destination`, emptied first; resolves with the tarball's path. */
export function packPackage(destination: string): Promise<string>
/** `npm install` in `dir`, of its package.json and of `specs`, quietly and from npm's cache where it can. */
export function npmInstall(dir: string, specs?: string[]): Promise<string>
