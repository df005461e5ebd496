import { validationProblem } from './problem.js';

/**
 * Keyset cursors: the sort key of the last item seen, base64url-encoded JSON. Opaque to callers;
 * a cursor that does not decode is their input error, reported on `query.cursor`.
 */
export function encodeCursor(key: readonly (string | number)[]): string {
  return btoa(JSON.stringify(key)).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

export function decodeCursor(cursor: string | undefined, arity: number): (string | number)[] | undefined {
  if (cursor === undefined) return undefined;
  try {
    const key: unknown = JSON.parse(atob(cursor.replaceAll('-', '+').replaceAll('_', '/')));
    if (Array.isArray(key) && key.length === arity && key.every((k) => typeof k === 'string' || typeof k === 'number')) return key;
  } catch {
    // fall through to the problem below
  }
  throw validationProblem([{ path: 'query.cursor', message: 'is not a cursor this list gave out; start again without it' }]);
}
