import { describe, expect, it } from 'vitest'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { policyLocations, readPolicy } from '../../src/service/policy.js'
import { resolveDataDir } from '../../src/service/data-dir.js'
import { must, openTestApp } from '../helpers/app.js'
import { tempDir } from '../helpers/temp.js'
import { repoRoot } from '../helpers/corpus.js'

/** A program folder with a paraaf-beleid.json holding `content`. */
function programWith(content: string): string {
  const dir = tempDir()
  writeFileSync(join(dir, 'paraaf-beleid.json'), content)
  return dir
}

describe('settings IT presets in paraaf-beleid.json', () => {
  it('reads the policy beside the program, relative folders taken from where the file is', () => {
    const program = programWith(JSON.stringify({ dataDir: 'gegevens', backupDir: '/mnt/h-schijf/paraaf', organisation: 'OM', templatesDir: 'sjablonen' }))
    const policy = readPolicy(policyLocations(program, {}, 'win32'))
    expect(policy).toEqual({ file: join(program, 'paraaf-beleid.json'), values: { dataDir: join(program, 'gegevens'), backupDir: '/mnt/h-schijf/paraaf', organisation: 'OM', templatesDir: join(program, 'sjablonen') } })
    // The data folder follows the policy unless --data or PARAAF_DATA says otherwise.
    expect(resolveDataDir(undefined, {}, 'linux', policy.values.dataDir)).toBe(join(program, 'gegevens'))
    expect(resolveDataDir(undefined, { PARAAF_DATA: '/tmp/elders' }, 'linux', policy.values.dataDir)).toBe('/tmp/elders')
  })

  it('looks in the program folder first, then in the program-data folder of the system', () => {
    expect(policyLocations('C:\\Program Files\\Paraaf', { ProgramData: 'D:\\ProgramData' }, 'win32').map((p) => p.replaceAll('\\', '/'))).toEqual(['C:/Program Files/Paraaf/paraaf-beleid.json', 'D:/ProgramData/Paraaf/paraaf-beleid.json'])
    expect(policyLocations('/opt/Paraaf', {}, 'linux')).toEqual(['/opt/Paraaf/paraaf-beleid.json', '/etc/paraaf/paraaf-beleid.json'])
    expect(policyLocations('/opt/Paraaf', { PARAAF_BELEID: '/srv/beleid.json' }, 'darwin')[0]).toBe('/srv/beleid.json')
    expect(readPolicy([join(tempDir(), 'bestaat-niet.json')])).toEqual({ values: {}, file: null })
  })

  it('ignores a policy file that is not valid, saying why in one Dutch line, and starts on the defaults', () => {
    const typo = readPolicy(policyLocations(programWith('{"backupMap": "/x"}'), {}, 'linux'))
    expect(typo.values).toEqual({})
    expect(typo.problem).toMatch(/wordt niet gebruikt: ongeldige instelling "backupMap" \(toegestaan: dataDir, backupDir, organisation, templatesDir\)\.$/)
    expect(readPolicy(policyLocations(programWith('{ dataDir: '), {}, 'linux')).problem).toMatch(/is geen geldig JSON-bestand/)
    expect(readPolicy(policyLocations(programWith(JSON.stringify({ organisation: 'x'.repeat(200) })), {}, 'linux')).problem).toMatch(/"organisation"/)
    expect(readPolicy(policyLocations(programWith(' '.repeat(70_000) + '{}'), {}, 'linux')).problem).toMatch(/groter dan 64 kB/)
  })

  it('shows what the policy sets, and its organisation wins over the one a user chose', async () => {
    const program = programWith(JSON.stringify({ organisation: 'FIOD', backupDir: '/mnt/h/paraaf' }))
    const app = openTestApp(tempDir(), { policy: readPolicy(policyLocations(program, {}, 'linux')) })
    const settings = must(await app.api.setSettings({ author: 'J. de Vries', org: 'Politie' }))
    expect(settings).toEqual({ author: 'J. de Vries', org: 'FIOD', identified: true, managed: { file: join(program, 'paraaf-beleid.json'), organisation: 'FIOD', backupDir: '/mnt/h/paraaf' } })
    // Without a policy nothing is managed, and the user's choice stands.
    const free = openTestApp()
    expect(must(await free.api.setSettings({ author: 'J. de Vries', org: 'Politie' }))).toEqual({ author: 'J. de Vries', org: 'Politie', identified: true })
    app.close()
    free.close()
  })

  it('takes the templates from the folder the policy names', async () => {
    const program = tempDir()
    const templates = join(program, 'sjablonen')
    mkdirSync(join(templates, 'memo'), { recursive: true })
    writeFileSync(join(program, 'paraaf-beleid.json'), JSON.stringify({ templatesDir: 'sjablonen' }))
    // The shipped memo, renamed as a ministry would.
    const memo = JSON.parse(readFileSync(join(repoRoot, 'templates', 'memo', 'manifest.json'), 'utf8'))
    writeFileSync(join(templates, 'memo', 'manifest.json'), JSON.stringify({ ...memo, label: 'Memo van de DG' }))
    const app = openTestApp(tempDir(), { policy: readPolicy(policyLocations(program, {}, 'linux')) })
    const listed = must(await app.api.listTemplates())
    app.close()
    expect(listed.map((t) => t.label)).toEqual(['Memo van de DG'])
  })
})
