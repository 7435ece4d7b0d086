// Temporary data directories, removed after each test file.
import { afterAll } from 'vitest'
import { makeTempDir, removeTempDir } from './temp-dir.js'

const made: string[] = []
afterAll(() => {
  for (const dir of made) removeTempDir(dir)
})

/** A fresh empty directory under the OS temp folder. */
export function tempDir(prefix = 'paraaf-test-'): string {
  const dir = makeTempDir(prefix)
  made.push(dir)
  return dir
}
