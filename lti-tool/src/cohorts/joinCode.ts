import { createHash, randomBytes } from 'node:crypto';

// Crockford's base32: no I, L, O or U, so a code read aloud or copied by hand survives.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CODE_LENGTH = 20; // 100 bits: guessing a live code is hopeless even without rate limits

/** A new random join code, grouped for reading: `XXXXX-XXXXX-XXXXX-XXXXX`. */
export function generateJoinCode(): string {
  const bytes = randomBytes(CODE_LENGTH);
  const chars = Array.from(bytes, (b) => ALPHABET[b & 31]!).join('');
  return chars.match(/.{5}/g)!.join('-');
}

/** Canonical form of a typed code: upper case, no separators, look-alike letters mapped to digits. */
export function normaliseJoinCode(input: string): string {
  return input
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
}

/** True when the text could be a join code at all (saves a lookup for typos). */
export function looksLikeJoinCode(normalised: string): boolean {
  return normalised.length === CODE_LENGTH && [...normalised].every((c) => ALPHABET.includes(c));
}

/** What is stored: SHA-256 of the canonical code (a 100-bit random secret needs no slow hash). */
export function hashJoinCode(normalised: string): string {
  return createHash('sha256').update(`staffroom-join:${normalised}`).digest('hex');
}
