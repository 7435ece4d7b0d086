// Bundles the Electron main process and the (sandboxed) preload to CommonJS.
import { build } from 'esbuild'

const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', external: ['electron'], logLevel: 'warning', sourcemap: true }
await build({ ...common, entryPoints: ['electron/main.ts'], outfile: 'dist/electron/main.cjs' })
await build({ ...common, entryPoints: ['electron/preload.ts'], outfile: 'dist/electron/preload.cjs' })
