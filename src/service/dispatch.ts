// The one place where a transport's untrusted call meets the service.
import { API_METHODS, type ApiMethod, type ParaafApi, type Result } from './contract.js'
import { describeInputError, inputSchemas } from './inputs.js'

/** Tells whether a string names an API method. */
export function isApiMethod(name: string): name is ApiMethod {
  return (API_METHODS as readonly string[]).includes(name)
}

/** Validates `input` for `method` and calls the service; never throws for bad input. */
export async function dispatch(api: ParaafApi, method: string, input: unknown): Promise<Result<unknown>> {
  if (!isApiMethod(method)) return { ok: false, error: `Onbekende opdracht: ${method.slice(0, 60)}.` }
  const parsed = inputSchemas[method].safeParse(input)
  if (!parsed.success) return { ok: false, error: describeInputError(method, parsed.error) }
  const call = api[method] as (arg: unknown) => Promise<Result<unknown>>
  return call.call(api, parsed.data)
}
