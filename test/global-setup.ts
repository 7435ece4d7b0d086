// Builds the renderer once before the suite: the end-to-end tests serve it
// and the window test reads the built page's security policy.
import { build } from 'vite'

export default async function setup() {
  await build({ configFile: new URL('../vite.config.ts', import.meta.url).pathname, logLevel: 'warn' })
}
