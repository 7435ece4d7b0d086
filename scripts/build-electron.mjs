// Bundles the Electron main process and the (sandboxed) preload to CommonJS.
import { build } from 'esbuild'
import { fileURLToPath } from 'node:url'
import { join } from 'node:path'

const root = fileURLToPath(new URL('..', import.meta.url))

/** Builds main.cjs and preload.cjs into `outdir` (dist/electron by default). */
export async function buildElectron(outdir = join(root, 'dist/electron')) {
  const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', external: ['electron'], logLevel: 'warning', sourcemap: true }
  await build({ ...common, entryPoints: [join(root, 'electron/main.ts')], outfile: join(outdir, 'main.cjs') })
  await build({ ...common, entryPoints: [join(root, 'electron/preload.ts')], outfile: join(outdir, 'preload.cjs') })
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await buildElectron()
