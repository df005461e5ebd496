import { decodeSecretKey } from '../config.js';

/**
 * Encrypts the secrets we must read back (partner JWT secrets, which verify HS256 signatures) with
 * the server key, AES-256-GCM through WebCrypto so the edge runtime can do it too. Stored as
 * `v1:<iv>:<ciphertext>`, both base64url; the version names the scheme, so a later one can
 * replace it row by row.
 */
export interface SecretBox {
  seal(plain: string): Promise<string>;
  open(stored: string): Promise<string>;
}

const PREFIX = 'v1:';
const IV_BYTES = 12;

export class SecretBoxError extends Error {
  override name = 'SecretBoxError';
}

/** A box for this server key. The key is imported on first use, so building an app stays synchronous. */
export function secretBox(secretKey: string | undefined): SecretBox {
  let key: Promise<CryptoKey> | undefined;
  const cryptoKey = () => {
    if (!secretKey) throw new SecretBoxError('SECRET_KEY is not set: partner secrets cannot be encrypted or read.');
    const bytes = decodeSecretKey(secretKey);
    if (!bytes) throw new SecretBoxError('SECRET_KEY must be 32 bytes, base64 or hex encoded.');
    key ??= crypto.subtle.importKey('raw', Uint8Array.from(bytes), 'AES-GCM', false, ['encrypt', 'decrypt']);
    return key;
  };
  return {
    async seal(plain) {
      const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
      const ciphertext = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, await cryptoKey(), new TextEncoder().encode(plain));
      return `${PREFIX}${toBase64url(iv)}:${toBase64url(new Uint8Array(ciphertext))}`;
    },
    async open(stored) {
      const [iv, ciphertext] = isSealed(stored) ? stored.slice(PREFIX.length).split(':') : [];
      if (!iv || !ciphertext) throw new SecretBoxError('The stored secret is not sealed with this scheme.');
      try {
        const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: fromBase64url(iv) }, await cryptoKey(), fromBase64url(ciphertext));
        return new TextDecoder().decode(plain);
      } catch {
        // GCM's tag check: another SECRET_KEY, or a row changed behind our back.
        throw new SecretBoxError('The stored secret does not open with this SECRET_KEY.');
      }
    },
  };
}

export function isSealed(stored: string): boolean {
  return stored.startsWith(PREFIX);
}

function toBase64url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes)).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

function fromBase64url(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text.replaceAll('-', '+').replaceAll('_', '/'));
  return Uint8Array.from(binary, (ch) => ch.charCodeAt(0));
}
