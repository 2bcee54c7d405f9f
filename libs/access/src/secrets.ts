import { createHash, randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * scrypt is memory-hard and ships with Node, so there is no native dependency to build. N = 2^15
 * with r = 8 costs 32 MiB and tens of milliseconds per guess; the parameters are stored with each
 * hash so they can be raised later without invalidating existing passwords.
 */
const SCRYPT = { N: 2 ** 15, r: 8, p: 1, keyLength: 64 };
const MAX_MEMORY = 128 * 1024 * 1024;

function scryptAsync(password: string, salt: Buffer, keyLength: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => scrypt(password, salt, keyLength, options, (error, key) => (error ? reject(error) : resolve(key))));
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, SCRYPT.keyLength, { N: SCRYPT.N, r: SCRYPT.r, p: SCRYPT.p, maxmem: MAX_MEMORY });
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64url');
  const actual = await scryptAsync(password, Buffer.from(salt, 'base64url'), expected.length, { N: Number(n), r: Number(r), p: Number(p), maxmem: MAX_MEMORY });
  return timingSafeEqual(actual, expected);
}

/**
 * A hash to verify against when the email is unknown, so an attacker cannot tell from the
 * response time whether an account exists.
 */
let decoyHash: Promise<string> | undefined;
export function decoyPasswordHash(): Promise<string> {
  decoyHash ??= hashPassword(randomBytes(16).toString('hex'));
  return decoyHash;
}

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** Compares two hex digests without leaking, through timing, how many leading characters matched. */
export function sameDigest(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}

export function randomSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** Personal access tokens look like `itk_<prefix>_<secret>`: the prefix finds the row, the secret proves possession. */
export const TOKEN_PATTERN = /^itk_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;

export function newTokenParts(): { prefix: string; secret: string; token: string } {
  const prefix = randomBytes(8).toString('hex');
  const secret = randomSecret(32);
  return { prefix, secret, token: `itk_${prefix}_${secret}` };
}

/** A password for `create-admin` when none is given: long enough that it needs no complexity rules. */
export function generatePassword(): string {
  return randomBytes(18).toString('base64url');
}
