import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from "node:crypto";

/**
 * scrypt cost: N = 2^15, r = 8, p = 1 uses 32 MiB and about 50–100 ms per hash on a current
 * server core, in line with OWASP's minimum for scrypt. The parameters are stored in each hash,
 * so raising them later only affects new passwords.
 */
const LOG_N = 15;
const R = 8;
const P = 1;
const KEY_BYTES = 32;
const SALT_BYTES = 16;
/** The most memory (128 × N × r bytes) a stored hash may ask for, so a tampered row cannot exhaust memory. */
const MAX_MEMORY = 128 * 1024 * 1024;

/** A password as stored: `scrypt$<log2 N>$<r>$<p>$<salt, base64>$<key, base64>`. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, LOG_N, R, P);
  return ["scrypt", LOG_N, R, P, salt.toString("base64"), key.toString("base64")].join("$");
}

/** Whether `password` matches `stored` (a `hashPassword` result), compared in constant time. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split("$");
  if (parts.length !== 6 || parts[0] !== "scrypt") return false;
  const [logN, r, p] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  if (!Number.isInteger(logN) || logN < 10 || logN > 20) return false;
  if (!Number.isInteger(r) || r < 1 || r > 32 || !Number.isInteger(p) || p < 1 || p > 4)
    return false;
  if (128 * 2 ** logN * r > MAX_MEMORY) return false;
  const salt = Buffer.from(parts[4] ?? "", "base64");
  const expected = Buffer.from(parts[5] ?? "", "base64");
  if (salt.length === 0 || expected.length === 0) return false;
  const actual = await derive(password, salt, logN, r, p, expected.length);
  return timingSafeEqual(actual, expected);
}

/**
 * A valid hash of a password nobody knows, computed once: signing in as an unknown email verifies
 * against it, so that answer takes as long as a wrong password for a real account.
 */
let dummy: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummy ??= hashPassword(randomBytes(32).toString("base64"));
  return dummy;
}

function derive(
  password: string,
  salt: Buffer,
  logN: number,
  r: number,
  p: number,
  bytes = KEY_BYTES,
): Promise<Buffer> {
  const N = 2 ** logN;
  // Node refuses more than 32 MiB by default; scrypt needs 128 × N × r bytes, plus headroom.
  const options: ScryptOptions = { N, r, p, maxmem: 128 * N * r * p + 16 * 1024 * 1024 };
  return new Promise((resolve, reject) =>
    scrypt(password.normalize("NFC"), salt, bytes, options, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}
