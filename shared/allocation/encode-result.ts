import type { AllocationLines } from './allocation-lines.ts';
import type { RankedKecamatan } from './household-ranking.ts';
import { chunkBytes, newChunk, utf8, WordPieces, wordsOf, writeDigits, writePseudonym } from './byte-chunks.ts';
import { canonicalJson } from './canonical-json.ts';
import type { AllocationResult } from './result.ts';

/** The result as hashed (no hashes) or as published (with both). */
export type EncodableResult = Omit<AllocationResult, 'inputsHash' | 'outputsHash'> &
  Partial<Pick<AllocationResult, 'inputsHash' | 'outputsHash'>>;

/**
 * The canonical JSON of a result, in chunks: keys sorted (allocated, inputsHash, kecamatan,
 * lines, outputsHash, remainder, slots), lines as `{"amount":…,"household":"…","kecamatan":"…",
 * "rank":…}`. Without the hashes these are the bytes of outputsHash; with them, the published file.
 */
export function* encodeResult(result: EncodableResult): Generator<Uint8Array> {
  const hash = (name: string, value: string | undefined) => (value === undefined ? '' : `"${name}":"${value}",`);
  yield utf8(
    `{"allocated":${result.allocated},${hash('inputsHash', result.inputsHash)}` +
      `"kecamatan":${canonicalJson(result.kecamatan)},"lines":[`,
  );
  yield* encodeLines(result.lines);
  yield utf8(`],${hash('outputsHash', result.outputsHash)}"remainder":${result.remainder},"slots":${result.slots}}`);
}

function* encodeLines(lines: AllocationLines): Generator<Uint8Array> {
  const writer = new LineWriter(lines);
  for (let chunk = writer.next(); chunk; chunk = writer.next()) yield chunk;
}

/**
 * Writes lines a chunk at a time, in a plain method rather than the generator: V8 cannot resume a
 * generator inside optimised loop code, so a loop there would run unoptimised after every yield.
 */
class LineWriter {
  #segment = 0;
  #offset = 0;
  readonly #pseudonymWords: Uint32Array;
  /** `{"amount":300000,"household":"`, the same for every line. */
  readonly #head: WordPieces;
  /** `","kecamatan":"63.71.01","rank":` by segment. */
  readonly #middles: WordPieces;

  constructor(private readonly lines: AllocationLines) {
    this.#pseudonymWords = wordsOf(lines.ranked.pseudonyms);
    this.#head = new WordPieces([`{"amount":${lines.amount},"household":"`]);
    this.#middles = new WordPieces(lines.ranked.kecamatan.map((segment) => `","kecamatan":"${segment.code}","rank":`));
  }

  next(): Uint8Array | undefined {
    const segments = this.lines.ranked.kecamatan;
    if (this.#segment >= segments.length) return undefined;
    const [pseudonymWords, head, middles] = [this.#pseudonymWords, this.#head, this.#middles];
    const { chunk, view } = newChunk();
    let used = 0;
    while (this.#segment < segments.length && used < chunkBytes) {
      const segment = segments[this.#segment] as RankedKecamatan;
      let offset = this.#offset;
      for (; offset < segment.count && used < chunkBytes; offset += 1) {
        const line = segment.start + offset;
        if (line > 0) chunk[used++] = 44; // ,
        used = head.write(view, used, 0);
        used = writePseudonym(view, used, pseudonymWords, line * 8);
        used = middles.write(view, used, this.#segment);
        used = writeDigits(chunk, used, offset + 1);
        chunk[used++] = 125; // }
      }
      if (offset < segment.count) {
        this.#offset = offset;
      } else {
        this.#segment += 1;
        this.#offset = 0;
      }
    }
    return chunk.subarray(0, used);
  }
}
