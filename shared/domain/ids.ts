const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * Time-ordered identifiers (ULID layout: 48-bit time, 80 random bits, Crockford base32) with a
 * type prefix, so `ctb_01J…` reads as a contribution in logs and sorts by creation time.
 */
export function newId(prefix: string, now: Date = new Date()): string {
  let time = now.getTime();
  let timePart = '';
  for (let i = 0; i < 10; i += 1) {
    timePart = alphabet[time % 32] + timePart;
    time = Math.floor(time / 32);
  }
  const random = crypto.getRandomValues(new Uint8Array(16));
  let randomPart = '';
  for (const byte of random) randomPart += alphabet[byte % 32];
  return `${prefix}_${timePart}${randomPart}`;
}
