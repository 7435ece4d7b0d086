#!/usr/bin/env node
// Entry point of the `paraaf` command: runs the TypeScript CLI through tsx,
// so there is no separate build step between a checkout and a working CLI.
import { register } from 'tsx/esm/api'

register()
const { main } = await import('../src/cli/main.ts')
const code = await main(process.argv.slice(2))
process.exitCode = code
