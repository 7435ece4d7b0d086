// Temporary directories without any test-runner hooks, so the bench and dev
// scripts can use them too (temp.ts adds vitest's clean-up for test files).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** A fresh empty directory under the OS temp folder; the caller removes it. */
export function makeTempDir(prefix = 'paraaf-'): string {
  return mkdtempSync(join(tmpdir(), prefix))
}

/** Removes a directory made by makeTempDir, ignoring one that is already gone. */
export function removeTempDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true, maxRetries: 3 })
}
