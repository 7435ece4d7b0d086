// Autosave: after a short idle pause, and when the window closes, the draft
// is written as a new version. One save at a time; edits made while a save
// runs are saved right after it. A failed save keeps the draft dirty, says
// why, and is tried again with a growing pause (not every 1.2 s forever). A
// save refused because another version was written meanwhile (a conflict)
// stops autosaving until the user decides: nothing is saved over the other
// version and nothing is thrown away.

export type SaveState =
  | { kind: 'saved'; version: number; at: Date }
  | { kind: 'dirty' }
  | { kind: 'saving' }
  | { kind: 'error'; message: string; retryInMs: number }
  | { kind: 'conflict'; message: string; latest: number }

/** Thrown by a save that was refused because a newer version exists. */
export class SaveConflictError extends Error {
  constructor(message: string, readonly latest: number) {
    super(message)
  }
}

export interface AutosaveOptions {
  idleMs: number
  /** Writes the current draft; resolves to the version number, or throws with a user message. */
  save: () => Promise<number>
  onState: (state: SaveState) => void
  /** The longest pause between retries of a failed save. */
  maxRetryMs?: number
}

export class Autosave {
  private timer: ReturnType<typeof setTimeout> | null = null
  private running: Promise<void> | null = null
  private dirty = false
  private lastVersion = 0
  private failures = 0
  private conflict: SaveConflictError | null = null

  constructor(private options: AutosaveOptions) {}

  /** Tells that the draft changed; a save follows after the idle pause (not while a conflict waits for the user). */
  changed() {
    this.dirty = true
    if (this.conflict) return
    this.options.onState({ kind: 'dirty' })
    if (this.failures) return // the retry timer is already set
    this.schedule(this.options.idleMs)
  }

  get hasUnsavedChanges() {
    return this.dirty || this.running !== null
  }

  /** The conflict that stopped autosaving, if any. */
  get pendingConflict(): SaveConflictError | null {
    return this.conflict
  }

  /**
   * Saves now if anything is unsaved. Resolves true when the draft is on
   * disk, false when the save failed or a conflict waits for the user.
   */
  async flush(): Promise<boolean> {
    this.clearTimer()
    while (this.running) await this.running
    if (this.conflict) return !this.dirty
    if (!this.dirty) return true
    this.dirty = false
    this.options.onState({ kind: 'saving' })
    this.running = this.options
      .save()
      .then((version) => {
        this.lastVersion = version
        this.failures = 0
        if (!this.dirty) this.options.onState({ kind: 'saved', version, at: new Date() })
      })
      .catch((err: Error) => {
        this.dirty = true
        if (err instanceof SaveConflictError) {
          this.conflict = err
          this.options.onState({ kind: 'conflict', message: err.message, latest: err.latest })
          return
        }
        this.failures++
        const retryInMs = Math.min(this.options.maxRetryMs ?? 60_000, this.options.idleMs * 2 ** this.failures)
        this.options.onState({ kind: 'error', message: err.message, retryInMs })
        this.schedule(retryInMs)
      })
      .finally(() => {
        this.running = null
      })
    await this.running
    if (this.dirty && !this.timer && !this.conflict) this.schedule(this.options.idleMs)
    return !this.dirty
  }

  /** Ends a conflict when the user keeps their text: the next save goes on, with the base the caller set meanwhile. */
  resolveConflict() {
    this.conflict = null
    this.failures = 0
  }

  /** Forgets the unsaved draft: only when the user explicitly chose to throw it away. */
  discard() {
    this.clearTimer()
    this.conflict = null
    this.failures = 0
    this.dirty = false
  }

  get version() {
    return this.lastVersion
  }

  dispose() {
    this.clearTimer()
  }

  private schedule(ms: number) {
    this.clearTimer()
    this.timer = setTimeout(() => {
      this.timer = null
      void this.flush()
    }, ms)
  }

  private clearTimer() {
    if (this.timer) {
      clearTimeout(this.timer)
      this.timer = null
    }
  }
}
