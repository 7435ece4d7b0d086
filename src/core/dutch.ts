// Dutch phrasing shared by the service and the screens.

/** A Dutch enumeration, each item once: "Politie, OM en FIOD". */
export function dutchList(items: readonly string[]): string {
  const list = [...new Set(items)]
  return list.length <= 1 ? list.join('') : `${list.slice(0, -1).join(', ')} en ${list[list.length - 1]}`
}
