// The `paraaf` process: runs the command line and exits with its code.
// bin/paraaf.js loads this from the build (dist/cli) or, in a checkout whose
// build is missing or older than the sources, through tsx.
import { main } from './main.js'

// A reader that stops early (`paraaf show 1 | head`) is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0)
    throw err
  })
}

// Under Electron's utilityProcess the arguments may arrive without Node's
// [executable, script] in front: the command starts at "host" there.
const underUtility = 'parentPort' in process && (process as { parentPort?: unknown }).parentPort !== undefined
const start = underUtility && process.argv.includes('host') ? process.argv.indexOf('host') : 2
process.exitCode = await main(process.argv.slice(start))
