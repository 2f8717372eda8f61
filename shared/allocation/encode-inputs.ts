import { chunkBytes, newChunk, utf8, WordPieces, writePseudonym } from './byte-chunks.ts';
import { canonicalJson } from './canonical-json.ts';
import { desilOf, flagsOf, jumlahAnggotaOf, maxJumlahAnggota, recordField, recordWords } from './household-record.ts';
import type { HouseholdRecords, HouseholdTable } from './household-table.ts';
import type { KecamatanCounts } from './official-counts.ts';
import type { AllocationRules } from './rules.ts';

/** Column order of a household row in the canonical inputs (FORMAT.md). */
export const householdColumns = [
  'pseudonym',
  'kecamatan',
  'desil',
  'jumlahAnggota',
  'verifiedOn',
  'disabilitas',
  'lansia',
  'perempuanKepala',
  'mustahik',
  'status',
] as const;

/**
 * The canonical inputs document, in chunks:
 * `{"households":{"columns":[…],"rows":[[…],…]},"official":{…},"rules":{…}}` with the rows in
 * pseudonym order (the table must be sorted by pseudonym). Rows are arrays rather than objects to
 * halve the bytes hashed for ten million households.
 */
export function* encodeInputs(
  rules: AllocationRules,
  official: KecamatanCounts,
  table: HouseholdTable,
): Generator<Uint8Array> {
  if (!table.sortedByPseudonym) throw new Error('sort the households by pseudonym before encoding them');
  yield utf8(`{"households":{"columns":${canonicalJson(householdColumns)},"rows":[`);
  const rows = new HouseholdRows(table.records());
  for (let chunk = rows.next(); chunk; chunk = rows.next()) yield chunk;
  yield utf8(`]},"official":${canonicalJson(official)},"rules":${canonicalJson(rules)}}`);
}

/**
 * Writes rows a chunk at a time. The loop lives in a plain method, not in the generator: V8 cannot
 * resume a generator inside optimised loop code, so a loop there would run unoptimised after every
 * yield. A row `["<pseudonym>","63.71.01",3,4,"2025-06-01",false,true,false,true,"aktif"]` is `["`,
 * the pseudonym and five prepared pieces: `","63.71.01",`, `3,`, `4`, `,"2025-06-01",` and
 * `false,true,false,true,"aktif"]`.
 */
class HouseholdRows {
  #row = 0;
  readonly #kecamatan: WordPieces;
  readonly #dates: WordPieces;
  readonly #flags: WordPieces;
  /** `3,` for desil 1–10. */
  readonly #desil = new WordPieces(Array.from({ length: 11 }, (_, desil) => `${desil},`));
  /** `4` for jumlahAnggota 1–255. */
  readonly #sizes = new WordPieces(Array.from({ length: maxJumlahAnggota + 1 }, (_, size) => String(size)));

  constructor(private readonly records: HouseholdRecords) {
    this.#kecamatan = new WordPieces(records.kecamatanCodes.map((code) => `","${code}",`));
    this.#dates = new WordPieces(records.dates.map((date) => `,"${date}",`));
    this.#flags = new WordPieces(Array.from({ length: 32 }, (_, bits) => rowFlags(bits)));
  }

  next(): Uint8Array | undefined {
    const { words, size } = this.records;
    const [kecamatanPieces, desilPieces, sizePieces, datePieces, flagPieces] = [
      this.#kecamatan,
      this.#desil,
      this.#sizes,
      this.#dates,
      this.#flags,
    ];
    if (this.#row >= size) return undefined;
    const { chunk, view } = newChunk();
    let used = 0;
    let row = this.#row;
    for (; row < size && used < chunkBytes; row += 1) {
      const first = row * recordWords;
      const packed = words[first + recordField.packed] as number;
      if (row > 0) chunk[used++] = 44; // ,
      chunk[used] = 91; // [
      chunk[used + 1] = 34; // "
      used = writePseudonym(view, used + 2, words, first);
      used = kecamatanPieces.write(view, used, words[first + recordField.kecamatan] as number);
      used = desilPieces.write(view, used, desilOf(packed));
      used = sizePieces.write(view, used, jumlahAnggotaOf(packed));
      used = datePieces.write(view, used, words[first + recordField.verifiedOn] as number);
      used = flagPieces.write(view, used, flagsOf(packed) & 31);
    }
    this.#row = row;
    return chunk.subarray(0, used);
  }
}

/** `false,true,false,true,"aktif"]`: the four flags, the status and the row's closing bracket. */
function rowFlags(bits: number): string {
  const flag = (bit: number) => ((bits & bit) !== 0 ? 'true' : 'false');
  return `${flag(1)},${flag(2)},${flag(4)},${flag(8)},"${bits & 16 ? 'graduasi' : 'aktif'}"]`;
}
