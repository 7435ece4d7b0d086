#!/usr/bin/env node
// Entry point of the `paraaf` command: runs the TypeScript CLI through tsx,
// so there is no separate build step between a checkout and a working CLI.
import { register } from 'tsx/esm/api'

// A reader that stops early (`paraaf show 1 | head`) is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0)
    throw err
  })
}

register()
const { main } = await import('../src/cli/main.ts')
const code = await main(process.argv.slice(2))
process.exitCode = code
