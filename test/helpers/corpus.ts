// Paths to the corpus of real letters and version chains kept in the project (test/fixtures/corpus).
import { readFileSync, readdirSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
export const corpusRoot = resolve(repoRoot, 'test/fixtures/corpus')
export const documentsDir = join(corpusRoot, 'documents')
export const chainsDir = join(corpusRoot, 'chains')

/** Every corpus document as [file name, text]. */
export function corpusDocuments(): [string, string][] {
  return readdirSync(documentsDir)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => [f, readFileSync(join(documentsDir, f), 'utf8')])
}

/** Every version of every chain as [chain/file, text]. */
export function corpusChainVersions(): [string, string][] {
  const out: [string, string][] = []
  for (const chain of readdirSync(chainsDir).sort()) {
    for (const f of readdirSync(join(chainsDir, chain)).filter((x) => /^v\d+\.md$/.test(x)).sort()) {
      out.push([`${chain}/${f}`, readFileSync(join(chainsDir, chain, f), 'utf8')])
    }
  }
  return out
}

export const bigLetterPath = join(documentsDir, 'kamerbrief-2020-06-18-uitwerking-breed-offensief.md')
export const readBigLetter = () => readFileSync(bigLetterPath, 'utf8')
