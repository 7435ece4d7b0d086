// The one place where a transport's untrusted call meets the service.
import { API_METHODS, type ApiMethod, type ParaafApi, type Result } from './contract.js'
import { describeInputError, inputSchema } from './inputs.js'
import { describeSystemError } from './system-errors.js'

/** Tells whether a string names an API method. */
export function isApiMethod(name: string): name is ApiMethod {
  return (API_METHODS as readonly string[]).includes(name)
}

/** Validates `input` for `method` and calls the service; never throws for bad input. */
export async function dispatch(api: ParaafApi, method: string, input: unknown): Promise<Result<unknown>> {
  if (!isApiMethod(method)) return { ok: false, error: `Onbekende opdracht: ${method.slice(0, 60)}.` }
  const parsed = inputSchema(method).safeParse(input)
  if (!parsed.success) return { ok: false, error: describeInputError(method, parsed.error) }
  const call = api[method] as (arg: unknown) => Promise<Result<unknown>>
  try {
    return await call.call(api, parsed.data)
  } catch (err) {
    // A full disk or a busy database is the machine, not a bug: one Dutch line for every transport.
    const known = describeSystemError(err)
    if (known) return { ok: false, error: known }
    throw err
  }
}
