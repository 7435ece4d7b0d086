// The metadata form of a document, built from its template manifest.
// Dates are typed and shown the Dutch way and stored as ISO.
import type { DocumentMeta } from '../core/document.js'
import { formatDutchDate, parseDutchDate } from '../core/dates.js'
import { wordsToCheck } from '../core/spelling.js'
import type { TemplateManifest } from '../service/contract.js'
import { h } from './dom.js'

export interface MetaForm {
  element: HTMLElement
  /** The metadata as last validly entered, fields of the template first. */
  value(): DocumentMeta
  setReadOnly(readOnly: boolean): void
  /** Marks the required fields that are empty (aria-invalid, with why) and returns their labels and the first input. */
  markMissing(): { labels: string[]; first: HTMLElement | null }
  /**
   * Checks the spelling of the text fields (onderwerp and the like) a moment
   * after typing stops: a field's words the dictionary does not know are
   * named under it, with suggestions to click and "Toevoegen".
   */
  checkSpelling(spell: FormSpelling): void
}

/** The dictionary, as the editor's spell check reaches it. */
export interface FormSpelling {
  check: (keys: string[]) => Promise<string[] | null>
  suggest: (word: string) => Promise<string[] | null>
  addWord: (word: string) => Promise<boolean>
}

/** Builds the form; `onChange` runs after every valid change. */
export function createMetaForm(template: TemplateManifest | undefined, initial: DocumentMeta, onChange: () => void): MetaForm {
  const meta: DocumentMeta = { ...initial }
  const inputs: (HTMLInputElement | HTMLTextAreaElement)[] = []
  const required: { label: string; input: HTMLInputElement | HTMLTextAreaElement; error: HTMLElement; key: string }[] = []
  /** The fields of free text, each with the place under it where its possible misspellings are named. */
  const prose: { input: HTMLInputElement; note: HTMLElement }[] = []
  const rows = (template?.fields ?? []).map((field) => {
    const id = `meta-${field.key}`
    const current = meta[field.key]
    const error = h('span', { className: 'field-error', role: 'alert', id: `${id}-error` })
    let input: HTMLInputElement | HTMLTextAreaElement
    if (field.kind === 'lines') {
      input = h('textarea', { id, name: field.key, rows: 2 })
      input.value = Array.isArray(current) ? current.join('\n') : (current ?? '')
      input.addEventListener('input', () => {
        const lines = input.value.split('\n').map((l) => l.trimEnd())
        while (lines.length && !lines[lines.length - 1]) lines.pop()
        meta[field.key] = lines
        onChange()
      })
    } else {
      input = h('input', { id, name: field.key, type: 'text', autocomplete: 'off', placeholder: field.kind === 'date' ? 'bijv. 18 juni 2020' : null })
      const text = Array.isArray(current) ? current.join(' ') : (current ?? '')
      input.value = field.kind === 'date' ? formatDutchDate(text) : text
      if (field.kind === 'date') {
        const check = (commit: boolean) => {
          const raw = input.value.trim()
          const iso = raw ? parseDutchDate(raw) : ''
          if (iso === null) {
            error.textContent = 'Geen geldige datum. Schrijf bijvoorbeeld 18 juni 2020.'
            input.setAttribute('aria-invalid', 'true')
            return
          }
          error.textContent = ''
          input.removeAttribute('aria-invalid')
          if (commit && iso) input.value = formatDutchDate(iso)
          if (meta[field.key] !== iso) {
            meta[field.key] = iso
            onChange()
          }
        }
        input.addEventListener('input', () => check(false))
        input.addEventListener('blur', () => check(true))
      } else {
        input.addEventListener('input', () => {
          meta[field.key] = input.value
          onChange()
        })
      }
      if (field.kind !== 'date') prose.push({ input: input as HTMLInputElement, note: h('div', { className: 'field-spelling', 'data-testid': `spelling-${field.key}`, 'aria-live': 'polite' }) })
    }
    if (field.hint) input.title = field.hint
    input.setAttribute('aria-describedby', error.id)
    inputs.push(input)
    if (field.required) {
      required.push({ label: field.label, input, error, key: field.key })
      input.setAttribute('aria-required', 'true')
      // Filled in after being marked: the mark goes.
      input.addEventListener('input', () => {
        if (input.getAttribute('aria-invalid') === 'true' && input.value.trim() && error.dataset.missing) {
          input.removeAttribute('aria-invalid')
          error.textContent = ''
          delete error.dataset.missing
        }
      })
    }
    return h('div', { className: 'field' },
      h('label', { for: id }, field.label, field.required ? h('span', { className: 'required', title: 'Nodig voor de export' }, ' *') : null),
      input, error, prose.find((p) => p.input === input)?.note ?? null)
  })
  const element = h('div', { className: 'meta-form' }, ...rows)
  if (!rows.length) element.append(h('p', { className: 'muted' }, 'Dit documenttype heeft geen gegevensvelden.'))
  return {
    element,
    value: () => ({ ...meta }),
    setReadOnly: (readOnly) => inputs.forEach((i) => (i.readOnly = readOnly)),
    markMissing: () => {
      const empty = required.filter(({ key }) => {
        const v = meta[key]
        return Array.isArray(v) ? !v.some((l) => l.trim()) : !(v ?? '').trim()
      })
      for (const { input, error } of empty) {
        input.setAttribute('aria-invalid', 'true')
        error.textContent = 'Nodig voor het Word-bestand.'
        error.dataset.missing = '1'
      }
      return { labels: empty.map((e) => e.label), first: empty[0]?.input ?? null }
    },
    checkSpelling: (spell) => {
      for (const field of prose) watchSpelling(field.input, field.note, spell)
    },
  }
}

/** Names the words of `input` the dictionary does not know under it, 400 ms after typing stops. */
function watchSpelling(input: HTMLInputElement, note: HTMLElement, spell: FormSpelling) {
  let timer: ReturnType<typeof setTimeout> | null = null
  let round = 0
  let off = false
  const run = async () => {
    if (off) return
    const mine = ++round
    const words = wordsToCheck(input.value).slice(0, 200)
    const wrong = words.length ? await spell.check([...new Set(words.map((w) => w.key))]) : []
    // The dictionary cannot be used: the editor has said so; the form stays unchecked.
    if (wrong === null) off = true
    if (mine !== round || wrong === null) return
    const flagged = words.filter((w) => wrong.includes(w.key))
    const shown = [...new Map(flagged.map((w) => [w.word, w])).values()].slice(0, 3)
    note.replaceChildren()
    for (const w of shown) {
      const line = h('div', { className: 'spelling-line' }, h('span', { className: 'spelling-word' }, `Mogelijke spelfout: ‘${w.word}’`))
      note.append(line)
      const replace = (by: string) => {
        const at = input.value.indexOf(w.word, Math.max(0, w.from - 5))
        if (at < 0) return
        input.value = input.value.slice(0, at) + by + input.value.slice(at + w.word.length)
        input.dispatchEvent(new Event('input'))
        input.focus()
      }
      const suggestions = (await spell.suggest(w.word)) ?? []
      if (mine !== round) return
      for (const s of suggestions.slice(0, 3)) line.append(h('button', { type: 'button', className: 'link', onclick: () => replace(s) }, s))
      line.append(h('button', { type: 'button', className: 'link', onclick: async () => { if (await spell.addWord(w.word)) void run() } }, 'Toevoegen aan woordenlijst'))
    }
  }
  const soon = () => {
    if (timer) clearTimeout(timer)
    timer = setTimeout(() => void run(), 400)
  }
  input.addEventListener('input', soon)
  if (input.value) soon()
}
