// Output of the CLI: the streams (replaceable in tests) and what may reach a
// terminal. Text from documents, comments and search hits is somebody
// else's: an escape sequence in it could retitle the terminal, clear it or
// write the clipboard, so control characters are removed before printing.

/** Output streams, replaceable in tests. */
export interface CliIo {
  out: (text: string) => void
  err: (text: string) => void
}

export const defaultIo: CliIo = { out: (t) => void process.stdout.write(t), err: (t) => void process.stderr.write(t) }

// C0 controls except tab and newline, DEL, and the C1 controls (0x9B is a CSI on its own).
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g

/** Text safe to print: every control character but tab and newline removed. */
export function forTerminal(text: string): string {
  return text.replace(CONTROL, '')
}
