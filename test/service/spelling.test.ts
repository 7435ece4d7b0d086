import { describe, expect, it } from 'vitest'
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { must, openTestApp } from '../helpers/app.js'
import { documentsDir, readBigLetter, repoRoot } from '../helpers/corpus.js'
import { tempDir } from '../helpers/temp.js'
import { wordsToCheck } from '../../src/core/spelling.js'
import { dispatch } from '../../src/service/dispatch.js'

const paraaf = (data: string, ...args: string[]) => spawnSync(process.execPath, [join(repoRoot, 'bin/paraaf.js'), ...args, '--data', data], { encoding: 'utf8' })

describe('spell check with the Dutch dictionary, offline', () => {
  it('accepts the Dutch of a Kamerbrief, compounds included, and flags what is misspelled', async () => {
    const { api, close } = openTestApp()
    try {
      const keys = [...new Set(wordsToCheck(readBigLetter()).map((w) => w.key))]
      const { wrong } = must(await api.checkSpelling({ words: keys.slice(0, 5_000) }))
      // A letter as sent: nearly every word is right; what is left is English, names and rare compounds.
      expect(wrong.length / Math.min(keys.length, 5_000)).toBeLessThan(0.03)
      for (const right of ['getuigenbescherming', 'ondermijningsaanpak', 'regeringscommissaris', 'bedrijfsleven', 'Rijksoverheid', "zo'n", 'auto’s', 'bijv.', 'Woo-verzoek', 'Kamerbrief', 'mln', 'afpakfonds', 'fenomeentafels']) {
        expect(must(await api.checkSpelling({ words: [right] })).wrong, right).toEqual([])
      }
      expect(must(await api.checkSpelling({ words: ['ministrie', 'ondernijning', 'getuigenbeschermnig'] })).wrong).toEqual(['ministrie', 'ondernijning', 'getuigenbeschermnig'])
      expect(must(await api.spellingSuggestions({ word: 'ministrie' })).suggestions[0]).toBe('ministerie')
      expect(must(await api.spellingSuggestions({ word: 'ondernijning' })).suggestions).toContain('ondermijning')
    } finally {
      close()
    }
  })

  it('keeps the user’s own words in the database: accepted after a restart, capitalised too, and taken off again', async () => {
    const data = tempDir()
    let app = openTestApp(data)
    expect(must(await app.api.checkSpelling({ words: ['Paraafroute', 'paraafroute'] })).wrong).toEqual(['Paraafroute', 'paraafroute'])
    expect(must(await app.api.changeDictionary({ word: 'paraafroute' })).words).toEqual(['paraafroute'])
    app.close()
    app = openTestApp(data)
    try {
      expect(must(await app.api.checkSpelling({ words: ['paraafroute', 'Paraafroute', 'paraafroute.'] })).wrong).toEqual([])
      // A word added capitalised is not accepted in lower case (a name stays a name).
      must(await app.api.changeDictionary({ word: 'Yesilgöz-Zegerius' }))
      expect(must(await app.api.checkSpelling({ words: ['Yesilgöz-Zegerius', 'yesilgöz-zegerius'] })).wrong).toEqual(['yesilgöz-zegerius'])
      expect(must(await app.api.changeDictionary({ word: 'paraafroute', remove: true })).words).toEqual(['Yesilgöz-Zegerius'])
      expect(must(await app.api.checkSpelling({ words: ['paraafroute'] })).wrong).toEqual(['paraafroute'])
      // Not a word: one Dutch line, nothing stored.
      const bad = await app.api.changeDictionary({ word: '<script>' })
      expect(bad.ok ? '' : bad.error).toMatch(/^"<script>" is geen woord/)
      // Bounded at the boundary: at most 5,000 words of at most 64 characters per call.
      expect(await dispatch(app.api, 'checkSpelling', { words: Array.from({ length: 5_001 }, () => 'de') })).toEqual({ ok: false, error: expect.stringMatching(/^Ongeldige invoer voor checkSpelling \(veld words\)/) })
      expect((await dispatch(app.api, 'checkSpelling', { words: ['x'.repeat(65)] })).ok).toBe(false)
    } finally {
      app.close()
    }
  })

  it('lists a document’s misspellings from the command line: every "ondernijning" of the nota', () => {
    const data = tempDir()
    const imported = paraaf(data, 'import', join(documentsDir, 'nota-2020-04-15-mit-scenarios.md'), '--json')
    expect(imported.status, imported.stderr).toBe(0)
    const id = String(JSON.parse(imported.stdout).id)
    const run = paraaf(data, 'spelling', id, '--json')
    expect(run.status, run.stderr).toBe(0)
    expect(run.stderr).toBe('')
    const rows = JSON.parse(run.stdout) as { word: string; count: number }[]
    // The nota as sent misspells "ondermijning" five times, alone and in compounds (counted here in its source text).
    const text = readFileSync(join(documentsDir, 'nota-2020-04-15-mit-scenarios.md'), 'utf8')
    const occurrences = text.match(/ondernijning/gi)!.length
    expect(occurrences).toBe(5)
    expect(rows.filter((r) => /ondernijning/i.test(r.word)).reduce((n, r) => n + r.count, 0)).toBe(occurrences)
    expect(rows.map((r) => r.word)).not.toContain('ondermijning')
    // Added to the word list from the command line: no longer reported.
    expect(paraaf(data, 'dictionary', 'add', 'ondernijning').stdout).toBe('ondernijning\n')
    const after = (JSON.parse(paraaf(data, 'spelling', id, '--json').stdout) as { word: string }[]).map((r) => r.word)
    expect(after.filter((w) => /ondernijning/i.test(w))).toEqual(['ondernijningsfonds'])
    const refused = paraaf(data, 'dictionary', 'wis', 'x')
    expect(refused.status).not.toBe(0)
    expect(refused.stderr.trim().split('\n')).toHaveLength(1)
  })
})
