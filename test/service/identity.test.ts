import { describe, expect, it } from 'vitest'
import { must, openTestApp } from '../helpers/app.js'
import { readBigLetter } from '../helpers/corpus.js'
import { tempDir } from '../helpers/temp.js'

describe('who the user is', () => {
  it('asks once: settings say whether the user confirmed their name, organisation and initials', async () => {
    const app = openTestApp()
    expect(must(await app.api.getSettings()).identified).toBe(false)
    must(await app.api.setSettings({ author: 'J. de Vries', org: 'DGRR', initials: 'JdV' }))
    expect(must(await app.api.getSettings())).toMatchObject({ author: 'J. de Vries', org: 'DGRR', initials: 'JdV', identified: true })
    app.close()
  })

  it('keeps one\'s own comments one\'s own after a change of name (a stable id), and a comment taken down for a partner is not one\'s own', async () => {
    const data = tempDir()
    const app = openTestApp(data)
    must(await app.api.setSettings({ author: 'J. Vries', org: 'DGRR' }))
    const { id } = must(await app.api.importMarkdown({ text: readBigLetter() }))
    const mine = must(await app.api.commentOnQuote({ id, quote: 'drugshandel', org: 'DGRR', text: 'Cijfers erbij?' }))
    const partner = must(await app.api.commentOnQuote({ id, quote: 'crystal meth-labs', org: 'Politie', author: 'A. Agent', text: 'Aantal klopt niet.' }))
    // The name corrected: the comment is still the user's to change; the partner's is not.
    must(await app.api.setSettings({ author: 'J. de Vries (DGRR)', org: 'DGRR' }))
    const threads = must(await app.api.listComments({ id })).threads
    expect(threads.find((t) => t.id === mine.commentId)).toMatchObject({ author: 'J. Vries', mine: true })
    expect(threads.find((t) => t.id === partner.commentId)).toMatchObject({ author: 'A. Agent', mine: false })
    must(await app.api.editComment({ commentId: mine.commentId, text: 'Graag cijfers van 2019.' }))
    expect(await app.api.editComment({ commentId: partner.commentId, text: 'Anders.' })).toEqual({ ok: false, error: 'Alleen A. Agent kan deze opmerking wijzigen of verwijderen.' })
    // A reply takes the replier's organisation.
    const reply = must(await app.api.replyComment({ commentId: partner.commentId, text: 'Wij passen het aan.' }))
    const replies = must(await app.api.listComments({ id })).threads.find((t) => t.id === partner.commentId)!.replies
    expect(replies.find((r) => r.id === reply.commentId)).toMatchObject({ author: 'J. de Vries (DGRR)', org: 'DGRR', mine: true })
    app.close()
    // The id is kept with the data: opened again, the comment is still the user's.
    const again = openTestApp(data)
    expect(must(await again.api.listComments({ id })).threads.find((t) => t.id === mine.commentId)?.mine).toBe(true)
    again.close()
  })
})
