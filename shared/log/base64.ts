/**
 * Standard base64 (RFC 4648 §4, with `=` padding), without Buffer or atob so that it runs the same in
 * Node, the browser and a Lambda. Decoding is strict: only canonical encodings are accepted (no
 * whitespace, no missing padding, no stray bits in the last character).
 */

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

const values = new Int16Array(128).fill(-1);
for (let i = 0; i < alphabet.length; i++) values[alphabet.charCodeAt(i)] = i;

export function encodeBase64(bytes: Uint8Array): string {
  let out = '';
  const whole = bytes.length - (bytes.length % 3);
  for (let i = 0; i < whole; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out += alphabet[n >>> 18]! + alphabet[(n >>> 12) & 63]! + alphabet[(n >>> 6) & 63]! + alphabet[n & 63]!;
  }
  const rest = bytes.length - whole;
  if (rest === 1) {
    const n = bytes[whole]! << 16;
    out += alphabet[n >>> 18]! + alphabet[(n >>> 12) & 63]! + '==';
  } else if (rest === 2) {
    const n = (bytes[whole]! << 16) | (bytes[whole + 1]! << 8);
    out += alphabet[n >>> 18]! + alphabet[(n >>> 12) & 63]! + alphabet[(n >>> 6) & 63]! + '=';
  }
  return out;
}

function digit(text: string, i: number): number {
  const code = text.charCodeAt(i);
  const value = code < 128 ? values[code]! : -1;
  if (value < 0) throw new Error(`invalid base64: unexpected character at offset ${i}`);
  return value;
}

/** Decodes canonical padded standard base64; throws an Error on anything else. */
export function decodeBase64(text: string): Uint8Array {
  if (text.length % 4 !== 0) throw new Error('invalid base64: length is not a multiple of 4');
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - padding);
  const whole = padding === 0 ? text.length : text.length - 4;
  let o = 0;
  for (let i = 0; i < whole; i += 4) {
    const n = (digit(text, i) << 18) | (digit(text, i + 1) << 12) | (digit(text, i + 2) << 6) | digit(text, i + 3);
    out[o++] = n >>> 16;
    out[o++] = (n >>> 8) & 255;
    out[o++] = n & 255;
  }
  if (padding === 2) {
    const n = (digit(text, whole) << 18) | (digit(text, whole + 1) << 12);
    if ((n & 0xffff) !== 0) throw new Error('invalid base64: non-zero bits before the padding');
    out[o] = n >>> 16;
  } else if (padding === 1) {
    const n = (digit(text, whole) << 18) | (digit(text, whole + 1) << 12) | (digit(text, whole + 2) << 6);
    if ((n & 0xff) !== 0) throw new Error('invalid base64: non-zero bits before the padding');
    out[o++] = n >>> 16;
    out[o] = (n >>> 8) & 255;
  }
  return out;
}
