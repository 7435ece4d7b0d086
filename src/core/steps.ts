// Work in steps: a generator that yields between stretches of a few
// milliseconds and returns its result. The service runs long read-only work
// this way (attribution: 0.3 s for a 600 kB pair in one go, and the next
// compare screen waited behind it), letting other requests in between
// (service/context.ts inSlices); `finish` runs it in one go.

export type Steps<T> = Generator<void, T, void>

/** How many items (changes, blocks) a step handles before it yields. */
export const STEP = 200

/** The result of `steps`, run in one go. */
export function finish<T>(steps: Steps<T>): T {
  for (;;) {
    const next = steps.next()
    if (next.done) return next.value
  }
}
