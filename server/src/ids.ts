const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** A random id with a type prefix, such as `prf_4fQx…`: 20 base-62 characters, about 119 bits. */
export function newId(prefix: string): string {
  const bytes = crypto.getRandomValues(new Uint8Array(20));
  let out = `${prefix}_`;
  // 256 is not a multiple of 62, so the first characters are a touch likelier; harmless for ids.
  for (const byte of bytes) out += ALPHABET[byte % ALPHABET.length];
  return out;
}
