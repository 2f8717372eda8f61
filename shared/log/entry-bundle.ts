/** C2SP tlog-tiles entry bundle: each entry as a big-endian uint16 length, then its bytes. */
export function encodeEntryBundle(entries: readonly Uint8Array[]): Uint8Array {
  const bundle = new Uint8Array(entries.reduce((size, entry) => size + 2 + entry.length, 0));
  let offset = 0;
  for (const entry of entries) {
    if (entry.length > 0xffff) throw new Error(`an entry of ${entry.length} bytes does not fit an entry bundle`);
    bundle[offset] = entry.length >> 8;
    bundle[offset + 1] = entry.length & 0xff;
    bundle.set(entry, offset + 2);
    offset += 2 + entry.length;
  }
  return bundle;
}

/** The entries of a bundle; throws when a length runs past the end. */
export function decodeEntryBundle(bundle: Uint8Array): Uint8Array[] {
  const entries: Uint8Array[] = [];
  let offset = 0;
  while (offset < bundle.length) {
    if (offset + 2 > bundle.length) throw new Error(`entry bundle ends inside a length at byte ${offset}`);
    const length = ((bundle[offset] ?? 0) << 8) | (bundle[offset + 1] ?? 0);
    if (offset + 2 + length > bundle.length) throw new Error(`entry bundle ends inside entry ${entries.length}`);
    entries.push(bundle.subarray(offset + 2, offset + 2 + length));
    offset += 2 + length;
  }
  return entries;
}
