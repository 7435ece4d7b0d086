// The data a comparison produces. All of it is plain JSON, so it crosses the
// API unchanged and the renderer draws redlines from it.

import type { NodeJSON } from '../document.js'
export type { NodeJSON } from '../document.js'

export type ChangeKind = 'insert' | 'delete' | 'replace' | 'move' | 'format' | 'table' | 'footnote' | 'metadata'

/** One change a reviewer can accept or reject on its own. */
export interface Change {
  id: string
  kind: ChangeKind
  /** Text removed (may be empty). */
  deleted: string
  /** Text added (may be empty). */
  inserted: string
  /** Top-level block index in B, or in A for a deletion. */
  block: number
  blockA: number | null
  blockB: number | null
  /** The metadata field, for metadata changes. */
  key?: string
  /** A short Dutch description for format changes ("vet", "Alinea → Kop 1"). */
  detail?: string
  /** The move whose block this change is inside, if any. */
  moveId?: string
  /** For a move: its paragraph went up (its new place is before its old one). */
  up?: true
}

export interface CompareStats {
  insertedWords: number
  deletedWords: number
  movedBlocks: number
  changedBlocks: number
}

/** A piece of inline content: a run of text with its marks, an inline node, or
 *  (in a group of paragraphs) the start of a paragraph with its type. */
/**
 * A word, space or punctuation mark (`t`, with the marks of its text), an
 * inline node (`n`), or a paragraph start (`p`). A word whose letters carry
 * different comment marks (a comment starting inside it) is still one token:
 * `parts` keeps its pieces with their own marks, so it is rebuilt exactly.
 */
export type Token = { t: string; m?: NodeJSON['marks']; parts?: { t: string; m?: NodeJSON['marks'] }[] } | { n: NodeJSON } | { p: Shell }

export type InlinePart = { eq: Token[] } | { id: string; del: Token[]; ins: Token[] }

/** Node JSON without its content: type and attributes. */
export interface Shell {
  type: string
  attrs?: Record<string, unknown>
}

/** How a paired A block became its B block. */
export type Inner =
  | { kind: 'same'; node: NodeJSON }
  | { kind: 'inline'; shellChange?: string; a: Shell; b: Shell; marks?: NodeJSON['marks']; parts: InlinePart[] }
  | { kind: 'children'; shellChange?: string; a: Shell; b: Shell; rows: Row[] }
  | { kind: 'cells'; shell: Shell; rows: { shell: Shell; cells: ({ eq: NodeJSON } | { id: string; a: NodeJSON; b: NodeJSON })[] }[] }
  | { kind: 'whole'; id: string; a: NodeJSON; b: NodeJSON }

/**
 * One row of the aligned documents. Rows are ordered so that keeping the B
 * side of every row gives B in order, and keeping the A side gives A.
 */
export type Row =
  | { op: 'equal'; node: NodeJSON; ai: number; bi: number }
  | { op: 'delete'; id: string; node: NodeJSON; ai: number }
  | { op: 'insert'; id: string; node: NodeJSON; bi: number }
  | { op: 'modify'; ai: number; bi: number; inner: Inner }
  /**
   * The source of a move. Its inner diff is on the moveTo row, except in the
   * first part of a comparison (StagedComparison.prefix) whose moveTo row is
   * not in that part yet.
   */
  | { op: 'moveFrom'; id: string; ai: number; bi: number; inner?: Inner }
  | { op: 'moveTo'; id: string; ai: number; bi: number; inner: Inner }
  /** Paragraphs that were merged or split: one word diff over all of them, paragraph starts included. */
  | { op: 'group'; ais: number[]; bis: number[]; parts: InlinePart[] }

export interface MetaRow {
  key: string
  a: string | string[] | undefined
  b: string | string[] | undefined
  id?: string
}

export interface Comparison {
  changes: Change[]
  stats: CompareStats
  rows: Row[]
  meta: MetaRow[]
}

export interface CompareOptions {
  /** 'word' (default) never starts or ends a change inside a word; 'char' diffs characters. */
  granularity?: 'word' | 'char'
}
