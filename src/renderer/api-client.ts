// The renderer's view of the App API: in Electron the preload's bridge,
// in browser mode a thin proxy over HTTP. Both speak the same contract.
import { API_METHODS, type ApiMethod, type ParaafApi, type Result } from '../service/contract.js'

declare global {
  interface Window {
    paraaf?: ParaafApi
    /** The window is closing: the handler resolves true when it may close, false to stay open. */
    paraafHost?: {
      onBeforeClose(handler: () => Promise<boolean>): void
      /** A .docx opened with Paraaf (desktop app): its name and bytes, or why it could not be read. */
      onOpenFile?(handler: (file: unknown) => void): void
      /** A line from the desktop app for the user ("Opgeslagen als C:\\…\\brief.docx"). */
      onNotice?(handler: (message: string) => void): void
    }
  }
}

async function callHttp(method: ApiMethod, input: unknown): Promise<Result<unknown>> {
  let response: Response
  try {
    response = await fetch(`/api/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      credentials: 'same-origin',
      body: JSON.stringify({ input }),
    })
  } catch {
    return { ok: false, error: 'Geen verbinding met Paraaf. Draait het programma nog?' }
  }
  if (response.status === 403) return { ok: false, error: 'Geen toegang: open Paraaf opnieuw via de link die bij het starten is getoond.' }
  try {
    return (await response.json()) as Result<unknown>
  } catch {
    return { ok: false, error: `Onverwacht antwoord van Paraaf (${response.status}).` }
  }
}

/** The API for this window: the Electron bridge when present, else HTTP. */
export function connectApi(): ParaafApi {
  if (window.paraaf) return window.paraaf
  return Object.fromEntries(API_METHODS.map((method) => [method, (input?: unknown) => callHttp(method, input)])) as unknown as ParaafApi
}
