// axe-core in a page: the accessibility problems a screen-reader or keyboard
// user would meet. The page's Content-Security-Policy forbids injected
// scripts, so the session that uses this is started with bypassCSP.
import { createRequire } from 'node:module'
import type { Page } from 'playwright-core'

const require = createRequire(import.meta.url)

export interface AxeViolation { id: string; impact: string | null; help: string; targets: string[] }

/** The serious and critical violations on the page as it is now (the element's HTML too with AXE_DEBUG=1). */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') })
  const found = await page.evaluate(async () => {
    type Node = { target: string[]; html: string; any: { data?: unknown }[] }
    const axe = (window as unknown as { axe: { run(context: Document, options: unknown): Promise<{ violations: { id: string; impact: string | null; help: string; nodes: Node[] }[] }> } }).axe
    const result = await axe.run(document, { resultTypes: ['violations'] })
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target.join(' '), html: n.html, data: JSON.stringify(n.any?.[0]?.data ?? '') })) }))
  })
  return found.map(({ nodes, ...v }) => ({ ...v, targets: nodes.map((n) => (process.env.AXE_DEBUG ? `${n.target} ${n.html} ${n.data}` : n.target)) }))
}
