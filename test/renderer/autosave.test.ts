import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { Autosave, SaveConflictError, type SaveState } from '../../src/renderer/autosave.js'

function setup(save: () => Promise<number>) {
  const states: SaveState[] = []
  const autosave = new Autosave({ idleMs: 1000, save, onState: (s) => states.push(s), maxRetryMs: 8000 })
  return { autosave, states }
}

describe('Autosave', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('saves once after the idle pause, however many edits came before it', async () => {
    const save = vi.fn(async () => 7)
    const { autosave, states } = setup(save)
    autosave.changed()
    autosave.changed()
    await vi.advanceTimersByTimeAsync(999)
    expect(save).not.toHaveBeenCalled()
    await vi.advanceTimersByTimeAsync(1)
    expect(save).toHaveBeenCalledTimes(1)
    expect(states.at(-1)).toMatchObject({ kind: 'saved', version: 7 })
    expect(autosave.hasUnsavedChanges).toBe(false)
  })

  it('tells a caller that is about to leave that the save failed, and keeps the draft unsaved', async () => {
    const { autosave, states } = setup(async () => { throw new Error('De schijf is vol.') })
    autosave.changed()
    expect(await autosave.flush()).toBe(false)
    expect(autosave.hasUnsavedChanges).toBe(true)
    expect(states.at(-1)).toMatchObject({ kind: 'error', message: 'De schijf is vol.' })
    autosave.dispose()
  })

  it('retries a failed save with a growing pause instead of every idle period forever', async () => {
    let calls = 0
    const save = vi.fn(async () => {
      calls++
      if (calls < 4) throw new Error('tijdelijk niet beschikbaar')
      return 3
    })
    const { autosave, states } = setup(save)
    autosave.changed()
    await vi.advanceTimersByTimeAsync(1000) // first try fails
    expect(states.at(-1)).toMatchObject({ kind: 'error', retryInMs: 2000 })
    autosave.changed() // typing does not bring the retry forward
    await vi.advanceTimersByTimeAsync(1999)
    expect(save).toHaveBeenCalledTimes(1)
    await vi.advanceTimersByTimeAsync(1) // second try fails
    expect(states.at(-1)).toMatchObject({ kind: 'error', retryInMs: 4000 })
    await vi.advanceTimersByTimeAsync(4000) // third fails
    expect(states.at(-1)).toMatchObject({ kind: 'error', retryInMs: 8000 })
    await vi.advanceTimersByTimeAsync(8000) // fourth succeeds
    expect(save).toHaveBeenCalledTimes(4)
    expect(states.at(-1)).toMatchObject({ kind: 'saved', version: 3 })
  })

  it('stops saving on a conflict until the user decides, and never reports the draft as saved', async () => {
    const save = vi.fn(async (): Promise<number> => { throw new SaveConflictError('Er is een nieuwere versie (5).', 5) })
    const { autosave, states } = setup(save)
    autosave.changed()
    expect(await autosave.flush()).toBe(false)
    expect(states.at(-1)).toMatchObject({ kind: 'conflict', latest: 5 })
    autosave.changed()
    await vi.advanceTimersByTimeAsync(120_000)
    expect(save).toHaveBeenCalledTimes(1)
    expect(await autosave.flush()).toBe(false)
    expect(autosave.hasUnsavedChanges).toBe(true)
    // The user chose to keep their text on top: saving goes on.
    save.mockImplementation(async () => 6)
    autosave.resolveConflict()
    expect(await autosave.flush()).toBe(true)
    expect(states.at(-1)).toMatchObject({ kind: 'saved', version: 6 })
  })

  it('after the user explicitly discards the draft in a conflict, there is nothing left to save', async () => {
    const { autosave } = setup(async (): Promise<number> => { throw new SaveConflictError('nieuwer', 9) })
    autosave.changed()
    await autosave.flush()
    autosave.discard()
    expect(autosave.hasUnsavedChanges).toBe(false)
    expect(await autosave.flush()).toBe(true)
  })
})
