import { validationProblem } from './problem.js';

/**
 * Keyset cursors: the sort key of the last item seen, base64url-encoded JSON. Opaque to callers;
 * a cursor that does not decode to the shape its list gives out is their input error, reported
 * on `query.cursor`, never a number the database chokes on.
 */
export function encodeCursor(key: readonly (string | number)[]): string {
  return btoa(String.fromCharCode(...new TextEncoder().encode(JSON.stringify(key))))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replace(/=+$/, '');
}

/** `text`: a string key; `count`: a whole number from 0 to MAX_COUNT (an offset, a position). */
export type CursorPart = 'text' | 'count';
type Decoded<P extends readonly CursorPart[]> = { [K in keyof P]: P[K] extends 'count' ? number : string };

/** Far past any list we page, and well inside what SQLite takes as an integer. */
const MAX_COUNT = 1_000_000_000;

export const badCursor = () => validationProblem([{ path: 'query.cursor', message: 'is not a cursor this list gave out; start again without it' }]);

export function decodeCursor<const P extends readonly CursorPart[]>(cursor: string | undefined, shape: P): Decoded<P> | undefined {
  if (cursor === undefined) return undefined;
  let key: unknown;
  try {
    const bytes = Uint8Array.from(atob(cursor.replaceAll('-', '+').replaceAll('_', '/')), (ch) => ch.charCodeAt(0));
    key = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw badCursor();
  }
  if (!Array.isArray(key) || key.length !== shape.length || !key.every((part, i) => fits(part, shape[i]!))) throw badCursor();
  return key as Decoded<P>;
}

function fits(part: unknown, kind: CursorPart): boolean {
  if (kind === 'count') return typeof part === 'number' && Number.isSafeInteger(part) && part >= 0 && part <= MAX_COUNT;
  return typeof part === 'string' && part.length <= 512 && part.isWellFormed();
}

/** Lists in creation order page after the last item's time and id. */
export const keysetAfter = (cursor: string | undefined) => decodeCursor(cursor, ['text', 'text']);
export const keysetCursor = (next: readonly [string, string] | null) => next && encodeCursor(next);
