/**
 * C2SP tlog-tiles resource paths (https://c2sp.org/tlog-tiles): hash tiles `tile/<L>/<N>[.p/<W>]` and
 * entry bundles `tile/entries/<N>[.p/<W>]`, relative to the log prefix.
 */

/** Hashes in a full tile (tile height 8). */
export const tileWidth = 256;

/** The highest tile level the spec allows. */
export const maxTileLevel = 63;

export type ParsedTilePath =
  | { readonly kind: 'hash'; readonly level: number; readonly n: number; readonly width: number }
  | { readonly kind: 'entries'; readonly n: number; readonly width: number };

function checkIndex(n: number): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`invalid tile index ${n}`);
}

function checkWidth(width: number): void {
  if (!Number.isInteger(width) || width < 1 || width > tileWidth) throw new RangeError(`invalid tile width ${width}`);
}

/** `1234067` → `x001/x234/067`, `5` → `005`. */
function indexPath(n: number): string {
  let groups = [String(n % 1000).padStart(3, '0')];
  let rest = Math.floor(n / 1000);
  while (rest > 0) {
    groups = [`x${String(rest % 1000).padStart(3, '0')}`, ...groups];
    rest = Math.floor(rest / 1000);
  }
  return groups.join('/');
}

function widthSuffix(width: number): string {
  return width === tileWidth ? '' : `.p/${width}`;
}

/** The path of hash tile `n` at `level`; `width` below 256 names the partial tile. */
export function tilePath(level: number, n: number, width = tileWidth): string {
  if (!Number.isInteger(level) || level < 0 || level > maxTileLevel)
    throw new RangeError(`invalid tile level ${level}`);
  checkIndex(n);
  checkWidth(width);
  return `tile/${level}/${indexPath(n)}${widthSuffix(width)}`;
}

/** The path of entry bundle `n`; `width` below 256 names the partial bundle. */
export function entriesPath(n: number, width = tileWidth): string {
  checkIndex(n);
  checkWidth(width);
  return `tile/entries/${indexPath(n)}${widthSuffix(width)}`;
}

const pathPattern = /^tile\/(entries|0|[1-9][0-9]?)\/((?:x[0-9]{3}\/)*[0-9]{3})(?:\.p\/([1-9][0-9]{0,2}))?$/;

/** Parses a canonical tile or entry bundle path; anything else (including non-canonical forms) is undefined. */
export function parseTilePath(path: string): ParsedTilePath | undefined {
  const match = pathPattern.exec(path);
  if (!match) return undefined;
  const [, levelText = '', indexText = '', widthText] = match;
  const groups = indexText.split('/').map((group) => group.replace('x', ''));
  // Leading zero groups (x000/…) would give a second spelling of the same index.
  if (groups.length > 1 && groups[0] === '000') return undefined;
  let n = 0;
  for (const group of groups) n = n * 1000 + Number(group);
  if (!Number.isSafeInteger(n)) return undefined;
  const width = widthText === undefined ? tileWidth : Number(widthText);
  if (widthText !== undefined && width >= tileWidth) return undefined; // a full tile has no .p/ suffix
  if (levelText === 'entries') return { kind: 'entries', n, width };
  const level = Number(levelText);
  if (level > maxTileLevel) return undefined;
  return { kind: 'hash', level, n, width };
}
