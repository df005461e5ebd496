import type { z } from 'zod';
import type { FieldError } from '@talking-library/sdk/schema';
import { validationProblem } from './problem.js';

/** Where each validation target shows up in an error path, so a caller knows which part to fix. */
const TARGET_PREFIX: Record<string, string> = {
  json: 'body',
  form: 'body',
  query: 'query',
  param: 'path',
  header: 'header',
  cookie: 'cookie',
};

/**
 * One error per field. A field the request does not have (`headlien`) is named itself, so the
 * caller sees the typo, rather than the object that held it.
 */
export function fieldErrors(target: string, error: z.ZodError): FieldError[] {
  const prefix = TARGET_PREFIX[target] ?? target;
  const at = (path: readonly PropertyKey[]) => [prefix, ...path.map(String)].join('.');
  return error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ path: at([...issue.path, key]), message: 'is not a field of this request' }))
      : [{ path: at(issue.path), message: issue.message }],
  );
}

/** The hook every route's validator uses: failures become our 400 problem, never raw zod issues. */
export function validationHook(result: { success: boolean; target: string; error?: z.ZodError }): void {
  if (!result.success && result.error) throw validationProblem(fieldErrors(result.target, result.error));
}
