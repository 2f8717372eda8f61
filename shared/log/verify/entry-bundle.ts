import { fail } from './failures.ts';

/**
 * Splits a C2SP entry bundle (uint16 big-endian length ‖ entry bytes, repeated) into exactly `count`
 * entries. Anything else — a length running past the end, fewer or more entries, trailing bytes —
 * is a verification failure naming the bundle's path.
 */
export function splitEntryBundle(bundle: Uint8Array, count: number, path: string): Uint8Array[] {
  const entries: Uint8Array[] = [];
  let offset = 0;
  while (offset < bundle.length) {
    if (entries.length === count) {
      fail(`${path} has ${bundle.length - offset} bytes after its ${count} entries`);
    }
    if (offset + 2 > bundle.length) fail(`${path} ends inside the length of its entry ${entries.length}`);
    const length = (bundle[offset]! << 8) | bundle[offset + 1]!;
    const end = offset + 2 + length;
    if (end > bundle.length) {
      fail(
        `${path} ends inside its entry ${entries.length} (${length} bytes announced, ${bundle.length - offset - 2} left)`,
      );
    }
    entries.push(bundle.subarray(offset + 2, end));
    offset = end;
  }
  if (entries.length !== count) fail(`${path} holds ${entries.length} entries, not ${count}`);
  return entries;
}
