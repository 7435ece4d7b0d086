// Autosave: after a short idle pause, and when the window closes, the draft
// is written as a new version. One save at a time; edits made while a save
// runs are saved right after it. A failed save keeps the draft dirty and
// says why, so nothing is lost silently.

export type SaveState =
  | { kind: 'saved'; version: number; at: Date }
  | { kind: 'dirty' }
  | { kind: 'saving' }
  | { kind: 'error'; message: string }

export interface AutosaveOptions {
  idleMs: number
  /** Writes the current draft; resolves to the version number, or throws with a user message. */
  save: () => Promise<number>
  onState: (state: SaveState) => void
}

export class Autosave {
  private timer: ReturnType<typeof setTimeout> | null = null
  private running: Promise<void> | null = null
  private dirty = false
  private lastVersion = 0

  constructor(private options: AutosaveOptions) {}

  /** Tells that the draft changed; a save follows after the idle pause. */
  changed() {
    this.dirty = true
    this.options.onState({ kind: 'dirty' })
    if (this.timer) clearTimeout(this.timer)
    this.timer = setTimeout(() => void this.flush(), this.options.idleMs)
  }

  get hasUnsavedChanges() {
    return this.dirty || this.running !== null
  }

  /** Saves now if anything is unsaved; resolves when the draft is on disk (or the save failed). */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer)
      this.timer = null
    }
    while (this.running) await this.running
    if (!this.dirty) return
    this.dirty = false
    this.options.onState({ kind: 'saving' })
    this.running = this.options
      .save()
      .then((version) => {
        this.lastVersion = version
        if (!this.dirty) this.options.onState({ kind: 'saved', version, at: new Date() })
      })
      .catch((err: Error) => {
        this.dirty = true
        this.options.onState({ kind: 'error', message: err.message })
      })
      .finally(() => {
        this.running = null
      })
    await this.running
    if (this.dirty && !this.timer) this.timer = setTimeout(() => void this.flush(), this.options.idleMs)
  }

  get version() {
    return this.lastVersion
  }

  dispose() {
    if (this.timer) clearTimeout(this.timer)
  }
}
