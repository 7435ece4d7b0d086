// LEB128 for lists of block ids: small ids take one or two bytes.

/** Encodes non-negative integers as unsigned LEB128. */
export function encodeIds(ids: readonly number[]): Buffer {
  const bytes: number[] = []
  for (let id of ids) {
    if (!Number.isSafeInteger(id) || id < 0) throw new RangeError(`A block id must be a non-negative integer, not ${id}.`)
    do {
      let byte = id % 128
      id = Math.floor(id / 128)
      if (id > 0) byte |= 0x80
      bytes.push(byte)
    } while (id > 0)
  }
  return Buffer.from(bytes)
}

/** Decodes what encodeIds wrote. */
export function decodeIds(buf: Uint8Array): number[] {
  const ids: number[] = []
  let value = 0
  let scale = 1
  for (const byte of buf) {
    value += (byte & 0x7f) * scale
    if (byte & 0x80) scale *= 128
    else {
      ids.push(value)
      value = 0
      scale = 1
    }
  }
  if (scale !== 1) throw new RangeError('The block list of this version is cut off.')
  return ids
}
