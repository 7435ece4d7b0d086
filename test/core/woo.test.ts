import { describe, expect, it } from 'vitest'
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { normalizeGround, notAGround, suggestRedactions, WOO_GROUNDS } from '../../src/core/woo.js'
import { must, openTestApp } from '../helpers/app.js'
import { repoRoot } from '../helpers/corpus.js'
import { tempDir } from '../helpers/temp.js'

// A made-up nota with the personal data a Woo release removes (numbers that pass their checks, but belong to no one).
const nota = `Contact via j.devries@minjenv.nl of 06-12345678, en bij de regio via +31 (0)70 370 7911.
Het voorschot gaat naar NL91 ABNA 0417 1643 00; de aanvrager heeft BSN 111222333.
Bezoekadres van de melder: Kerkstraat 12a, 1234 AB Utrecht. Het ministerie zit aan de Turfmarkt 147 in Den Haag.
Gesproken met J. de Vries (DGRR) en mr. P. Jansen. Eerder gelakt: [5.1.2e] en 5.1.2e.
Niet te lakken: 2020, 141 miljoen euro, Kamerstuk 29911, nr. 254, en 123456789 (geen BSN).`

describe('Woo: grounds and suggested redactions', () => {
  it('knows the grounds of art. 5.1 and 5.2 as decisions cite them, and refuses anything else with the list', () => {
    expect(WOO_GROUNDS['5.1.2e']).toBe('de eerbiediging van de persoonlijke levenssfeer')
    expect(['5.1.2e', '5.1.2.e', 'art. 5.1 lid 2 e', '5.1 lid 2, onder e', '5.2.1', '5.1.1e'].map(normalizeGround)).toEqual(['5.1.2e', '5.1.2e', '5.1.2e', '5.1.2e', '5.2.1', '5.1.1e'])
    expect(['5.1.3a', '10.2.1', 'privacy', ''].map(normalizeGround)).toEqual([null, null, null, null])
    expect(notAGround('privacy')).toMatch(/^"privacy" is geen weigeringsgrond van de Woo\. Kies uit: 5\.1\.1a, .*5\.1\.2e, .*5\.2\.1\.$/)
  })

  it('suggests e-mail addresses, phone numbers, a valid IBAN and BSN, a home address and known names, never public figures or amounts', () => {
    const found = suggestRedactions(nota, [{ name: 'J. de Vries (DGRR)', reason: 'naam (auteur van een opmerking)' }, { name: 'root', reason: 'naam (auteur van een versie)' }])
    expect(found.map((s) => [s.quote, s.ground, s.reason])).toEqual([
      ['j.devries@minjenv.nl', '5.1.2e', 'e-mailadres'],
      ['NL91 ABNA 0417 1643 00', '5.1.2e', 'IBAN'],
      ['111222333', '5.1.1e', 'burgerservicenummer'],
      ['06-12345678', '5.1.2e', 'telefoonnummer'],
      ['+31 (0)70 370 7911', '5.1.2e', 'telefoonnummer'],
      ['Kerkstraat 12a, 1234 AB', '5.1.2e', 'adres (straat, huisnummer en postcode)'],
      ['J. de Vries (DGRR)', '5.1.2e', 'naam (auteur van een opmerking)'],
    ])
  })

  it('suggests through the service and the command line, for the latest version, with the names of comment authors', async () => {
    const data = tempDir()
    const app = openTestApp(data)
    const { id } = must(await app.api.importMarkdown({ text: `---\nonderwerp: "Nota melding"\n---\n${nota.replace(/\n/g, '\n\n')}\n`, type: 'memo' }))
    must(await app.api.commentOnQuote({ id, quote: 'mr. P. Jansen', org: 'OM', author: 'P. Jansen', text: 'Mijn naam graag weg.' }))
    const found = must(await app.api.suggestRedactions({ id }))
    expect(found.find((s) => s.quote === 'P. Jansen')).toEqual({ quote: 'P. Jansen', ground: '5.1.2e', reason: 'naam (auteur van een opmerking)', count: 1 })
    app.close()
    const cli = spawnSync(process.execPath, [join(repoRoot, 'bin/paraaf.js'), 'suggest-redactions', String(id), '--json', '--data', data], { encoding: 'utf8' })
    expect(cli.status).toBe(0)
    const json = JSON.parse(cli.stdout) as { quote: string; ground: string; reason: string }[]
    expect(Object.keys(json[0])).toEqual(['quote', 'ground', 'reason'])
    expect(json.map((s) => s.quote)).toContain('j.devries@minjenv.nl')
    const text = spawnSync(process.execPath, [join(repoRoot, 'bin/paraaf.js'), 'suggest-redactions', String(id), '--data', data], { encoding: 'utf8' })
    expect(text.stdout).toMatch(/^5\.1\.2e +e-mailadres +j\.devries@minjenv\.nl$/m)
  })
})

describe('Woo suggestions on hostile input', () => {
  it('stays bounded on a text of a hundred thousand addresses', () => {
    const text = Array.from({ length: 100_000 }, (_, i) => `m${i}@x.nl 06-1234${String(i % 10_000).padStart(4, '0')}`).join(' ')
    const found = suggestRedactions(text, Array.from({ length: 1000 }, (_, i) => ({ name: `A. Naam${i}`, reason: 'naam' })))
    expect(found.length).toBeLessThanOrEqual(1000)
    expect(found[0]).toEqual({ quote: 'm0@x.nl', ground: '5.1.2e', reason: 'e-mailadres', count: 1 })
  })
})
