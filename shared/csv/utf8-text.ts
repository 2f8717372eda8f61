export type TextSource = AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>;

/**
 * The source as text chunks. Bytes are decoded as UTF-8 in streaming mode, so a character cut
 * between two chunks comes out whole; bytes that are not UTF-8 (an ANSI export from Windows Excel)
 * become U+FFFD instead of stopping the import. A byte order mark at the start is dropped.
 */
export async function* utf8Text(source: TextSource, onBytes: (count: number) => void): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  let atStart = true;
  const withoutBom = (text: string): string => {
    if (!atStart || text.length === 0) return text;
    atStart = false;
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  };
  for await (const chunk of source) {
    let text: string;
    if (typeof chunk === 'string') {
      onBytes(Buffer.byteLength(chunk, 'utf8'));
      text = decoder.decode() + chunk;
    } else {
      onBytes(chunk.byteLength);
      text = decoder.decode(chunk, { stream: true });
    }
    text = withoutBom(text);
    if (text.length > 0) yield text;
  }
  const rest = withoutBom(decoder.decode());
  if (rest.length > 0) yield rest;
}
