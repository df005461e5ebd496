import { decodeSecretKey } from '../config.js';

/**
 * Stored answers may hold secrets handed out once (a session token, a partner's new keys), which
 * the database otherwise keeps only as hashes. So an answer is sealed with AES-GCM under a key
 * derived from SECRET_KEY before it is stored: a copy of the database alone replays nothing.
 */
export interface AnswerSeal {
  seal(plain: string): Promise<string>;
  open(sealed: string): Promise<string>;
}

const SEALED = 'v1:';
/** Without a server key (an app built by hand, with no SECRET_KEY) answers are kept as they are. */
const PLAIN = 'plain:';

export function answerSeal(secretKey: string | undefined): AnswerSeal {
  const keyBytes = secretKey ? decodeSecretKey(secretKey) : undefined;
  let key: Promise<CryptoKey> | undefined;
  const aesKey = () => (key ??= deriveKey(keyBytes!));
  return {
    async seal(plain) {
      if (!keyBytes) return PLAIN + plain;
      const iv = crypto.getRandomValues(new Uint8Array(12));
      const cipher = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, await aesKey(), new TextEncoder().encode(plain)));
      const both = new Uint8Array(iv.length + cipher.length);
      both.set(iv);
      both.set(cipher, iv.length);
      return SEALED + toBase64(both);
    },
    async open(sealed) {
      if (sealed.startsWith(PLAIN)) return sealed.slice(PLAIN.length);
      if (!sealed.startsWith(SEALED) || !keyBytes) throw new Error('A stored answer is sealed with a key this server does not have');
      const both = fromBase64(sealed.slice(SEALED.length));
      const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: both.slice(0, 12) }, await aesKey(), both.slice(12));
      return new TextDecoder().decode(plain);
    },
  };
}

async function deriveKey(secret: Uint8Array): Promise<CryptoKey> {
  // A copy on a plain ArrayBuffer, which is what Web Crypto takes.
  const raw = new Uint8Array(secret);
  const base = await crypto.subtle.importKey('raw', raw, 'HKDF', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: new TextEncoder().encode('talking-library idempotent answers') },
    base,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  return Uint8Array.from(atob(text), (ch) => ch.charCodeAt(0));
}
