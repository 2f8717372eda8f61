// The engine builds 64-bit sort keys from two 32-bit words (low word first) and copies bytes a word
// at a time, which assumes a little-endian machine — every platform Terang runs on (x86-64, arm64).
// Imported for this check alone: refuse loudly anywhere else rather than compute another result.
if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) {
  throw new Error('the allocation engine needs a little-endian machine');
}

export {};
