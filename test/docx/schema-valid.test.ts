import { describe, expect, it } from 'vitest'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { must, openTestApp } from '../helpers/app.js'
import { readBigLetter, repoRoot } from '../helpers/corpus.js'
import { docxParts } from '../helpers/docx.js'
import { reviewedLetter } from '../helpers/reviewed-letter.js'

const hasXmllint = spawnSync('sh', ['-c', 'command -v xmllint'], { encoding: 'utf8' }).status === 0
const runXmllint = hasXmllint || !!process.env.CI
if (!runXmllint) console.warn('\n*** LET OP: geen xmllint - de schemacontrole van Word-export wordt OVERGESLAGEN. Installeer: apt-get install -y libxml2-utils ***\n')
const xsd = (name: string) => join(repoRoot, 'test/fixtures/ooxml-xsd', name)

/**
 * A part without what it declares mc:Ignorable (attributes and elements of
 * later Microsoft namespaces, which Word itself skips when it does not know them).
 */
function withoutIgnorable(xml: string): string {
  const declared = /mc:Ignorable="([^"]*)"/.exec(xml)?.[1].split(/\s+/).filter(Boolean) ?? []
  // Markup compatibility (ECMA-376 part 3): a consumer that knows only these schemas takes each
  // mc:AlternateContent's fallback (Paraaf's sender column box has an empty one).
  let out = xml.replace(/<mc:AlternateContent>[\s\S]*?<\/mc:AlternateContent>/g, (block) => /<mc:Fallback>([\s\S]*?)<\/mc:Fallback>/.exec(block)?.[1] ?? '')
  out = out.replace(/\s+mc:Ignorable="[^"]*"/g, '')
  for (const prefix of declared) {
    out = out.replace(new RegExp(`\\s+${prefix}:[\\w-]+="[^"]*"`, 'g'), '')
    out = out.replace(new RegExp(`<${prefix}:([\\w-]+)\\b[^>]*/>`, 'g'), '')
    out = out.replace(new RegExp(`<${prefix}:([\\w-]+)\\b[^>]*>[\\s\\S]*?</${prefix}:\\1>`, 'g'), '')
  }
  return out
}

/** xmllint's complaints about each part, empty when every part is valid. */
function invalidParts(parts: Record<string, string>): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'paraaf-xsd-'))
  const problems: string[] = []
  Object.entries(parts).forEach(([name, xml], i) => {
    const schema = name === '[Content_Types].xml' ? 'opc-contentTypes.xsd'
      : name.endsWith('.rels') ? 'opc-relationships.xsd'
        : name === 'docProps/custom.xml' ? 'shared-documentPropertiesCustom.xsd'
          : /^word\/(document|styles|numbering|footnotes|endnotes|comments|settings|fontTable|header\d*|footer\d*)\.xml$/.test(name) ? 'wml.xsd' : null
    if (!schema) return
    const file = join(dir, `part-${i}.xml`)
    writeFileSync(file, withoutIgnorable(xml))
    const r = spawnSync('xmllint', ['--noout', '--schema', xsd(schema), file], { encoding: 'utf8' })
    if (r.status !== 0) problems.push(`${name}: ${r.stderr.split('\n').filter((l) => /error/.test(l)).slice(0, 3).join(' | ')}`)
  })
  return problems
}

describe.runIf(runXmllint)('Word files Paraaf writes are valid Office Open XML (ECMA-376 schemas, xmllint)', () => {
  it('the clean letter, its redline with comments, a link and a page break, and the paraafblad', async () => {
    const app = openTestApp()
    const { api } = app
    const text = readBigLetter().replace('RIEC-/LIEC-bestel', '[RIEC-/LIEC-bestel](https://www.riec.nl)').replace('\n## Bewaken en Beveiligen', '\n\\newpage\n\n## Bewaken en Beveiligen')
    const { id } = must(await api.importMarkdown({ text, fileName: 'brief.md' }))
    must(await api.commentOnQuote({ id, quote: 'drugshandel', org: 'OM', author: 'O. Vaart', text: 'Graag cijfers.' }))
    const edited = must(await api.exportMarkdown({ id })).markdown.replace('88 miljoen', '90 miljoen').replace('Hoofdthema\'s zijn', 'De hoofdthema\'s zijn')
    must(await api.saveMarkdownVersion({ id, text: edited, label: 'Na DFEZ' }))
    const files = [
      must(await api.exportDocx({ id })).base64,
      must(await api.exportDocx({ id, against: 1, comments: true })).base64,
      must(await api.paraafblad({ id })).docxBase64,
    ]
    const parts = await Promise.all(files.map((b) => docxParts(Buffer.from(b, 'base64'))))
    expect(parts[1]['word/document.xml']).toContain('<w:ins ')
    expect(parts[0]['word/document.xml']).toContain('<w:hyperlink ')
    for (const p of parts) expect(invalidParts(p)).toEqual([])
    app.close()
  })

  it('a redline with every kind of tracked change: paragraph marks, footnotes, line breaks, table rows, moved lists and tables', async () => {
    const app = openTestApp()
    const { api } = app
    const { id } = must(await api.importMarkdown({ text: readBigLetter(), fileName: 'brief.md' }))
    must(await api.saveMarkdownVersion({ id, text: reviewedLetter(readBigLetter(), { movedTable: true }), label: 'Reactie' }))
    const parts = await docxParts(Buffer.from(must(await api.exportDocx({ id, against: 1 })).base64, 'base64'))
    for (const mark of [/<w:pPr>(?:(?!<\/w:pPr>).)*<w:rPr><w:ins /, /<w:pPr>(?:(?!<\/w:pPr>).)*<w:rPr><w:del /, /<w:trPr>(?:(?!<\/w:trPr>).)*<w:del /, /<w:trPr>(?:(?!<\/w:trPr>).)*<w:ins /, /<w:ins [^>]*><w:r><w:rPr><w:rStyle w:val="FootnoteReference"\/><\/w:rPr><w:footnoteReference /]) expect(parts['word/document.xml']).toMatch(mark)
    expect(parts['word/footnotes.xml']).toContain('<w:ins ')
    expect(invalidParts(parts)).toEqual([])
    app.close()
  })

  it('would notice an invalid part', () => {
    const bad = '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:bogus/></w:body></w:document>'
    expect(invalidParts({ 'word/document.xml': bad })).toEqual([expect.stringMatching(/^word\/document\.xml: .*bogus/)])
  })
})
