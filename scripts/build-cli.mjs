// Bundles the command line (and the service, store and docx code behind it)
// to JavaScript in dist/cli, so `paraaf` starts without compiling TypeScript
// at run time. Feature modules the service loads on first use become chunks
// of their own: `paraaf list` never reads the Word library. better-sqlite3
// (native) and electron stay outside the bundle.
import { build } from 'esbuild'
import { rmSync } from 'node:fs'

rmSync('dist/cli', { recursive: true, force: true })
await build({
  entryPoints: ['src/cli/entry.ts'],
  outdir: 'dist/cli',
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: ['better-sqlite3', 'electron'],
  // Bundled CommonJS dependencies call require(); ESM output has none of its own.
  banner: { js: "import { createRequire as __paraafRequire } from 'node:module'; const require = __paraafRequire(import.meta.url);" },
  logLevel: 'warning',
})
