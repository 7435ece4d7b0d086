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

process.exitCode = await main(process.argv.slice(2))
