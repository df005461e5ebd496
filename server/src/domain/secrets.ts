import { decodeSecretKey } from '../config.js';

/**
 * Secrets we hand out (keys, session tokens) are long random strings; we keep only their SHA-256.
 * With 256 random bits there is nothing to brute-force, so no slow hash is needed, and the hash
 * can be looked up by index.
 */
export function randomSecret(prefix: string, bytes = 32): string {
  const raw = crypto.getRandomValues(new Uint8Array(bytes));
  return `${prefix}_${base64url(raw)}`;
}

/**
 * A Standard Webhooks signing secret: `whsec_` and standard base64 of 32 random bytes, the form
 * the `standardwebhooks` libraries (in every language) take as it is.
 */
export function webhookSigningSecret(): string {
  const raw = crypto.getRandomValues(new Uint8Array(32));
  return `whsec_${btoa(String.fromCharCode(...raw))}`;
}

export async function hashSecret(secret: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(secret));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

const hmacKeys = new Map<string, Promise<CryptoKey>>();

/**
 * HMAC-SHA-256 keyed with the server's SECRET_KEY, as hex. For short secrets (six-digit sign-in
 * codes) that a plain hash would not protect: without the key, a copy of the database does not
 * tell which code a row holds. WebCrypto, so the edge entry computes the same.
 */
export async function hmacSecret(secretKey: string, message: string): Promise<string> {
  let key = hmacKeys.get(secretKey);
  if (!key) {
    const bytes = decodeSecretKey(secretKey);
    if (!bytes) throw new Error('The server key is not 32 bytes of base64 or hex.');
    key = crypto.subtle.importKey('raw', new Uint8Array(bytes), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    hmacKeys.set(secretKey, key);
  }
  const signature = await crypto.subtle.sign('HMAC', await key, new TextEncoder().encode(message));
  return [...new Uint8Array(signature)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** The last four characters, enough for a person to tell two keys apart. */
export function secretHint(secret: string): string {
  return `…${secret.slice(-4)}`;
}

/** Compares two strings in time that does not depend on where they differ. */
export function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

function base64url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes)).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}
