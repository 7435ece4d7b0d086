#!/usr/bin/env node
// Entry point of the `paraaf` command. It runs the build in dist/cli (made by
// `npm install` and `npm run build`), which starts at once. In a checkout
// where that build is missing or older than the sources (or with
// PARAAF_FROM_SOURCE=1), it runs the TypeScript itself through tsx, so an
// edit is never hidden behind a stale build.
import { existsSync, readdirSync, statSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const built = `${root}dist/cli/entry.js`

/** The newest change among the sources and the installed dependencies. */
function newestSource(dir) {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = `${dir}/${entry.name}`
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs)
  }
  return newest
}

function buildIsCurrent() {
  if (process.env.PARAAF_FROM_SOURCE === '1' || !existsSync(built)) return false
  const lock = `${root}package-lock.json`
  const sources = Math.max(newestSource(`${root}src`), existsSync(lock) ? statSync(lock).mtimeMs : 0)
  return statSync(built).mtimeMs >= sources
}

if (buildIsCurrent()) {
  await import(built)
} else {
  const { register } = await import('tsx/esm/api')
  register()
  await import('../src/cli/entry.ts')
}
