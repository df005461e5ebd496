import { z } from 'zod';

/** Library slugs appear in URLs: lower-case words joined by hyphens. */
export const LibrarySlug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { error: 'must be lower-case letters, digits and hyphens' })
  .max(64, { error: 'must be at most 64 characters' });

/** Ids are opaque strings with a type prefix, such as `prf_3kTMd…`. */
export const prefixedId = (prefix: string) =>
  z.string().regex(new RegExp(`^${prefix}_[A-Za-z0-9]{8,40}$`), { error: `must be an id starting with ${prefix}_` });

export const LibraryPathParams = z.object({ lib: LibrarySlug });

/** A category's or skill's code in the library's taxonomy, as filters and bodies name them. */
export const Slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { error: 'must be a slug: lower-case letters, digits and hyphens' })
  .max(64, { error: 'must be at most 64 characters' });

/** A resource's version: bumped by every change, and its `ETag` (`"v3"`); send it back in `If-Match`. */
export const Version = z.number().int().min(1).meta({ description: 'Bumped by every change. The `ETag` is `"v<version>"`; send it as `If-Match` to change only this version.' });

// C0 controls, DEL and C1 controls. Multi-line fields may also hold tabs and line breaks.
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/;
const CONTROL_CHARACTERS_BUT_LINES = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/**
 * Why this text cannot be stored as sent, or null. A NUL ends a string in some of the code it
 * passes through (it once read back as `''`), and a lone surrogate cannot be encoded as UTF-8: so
 * both are refused rather than stored as something other than what was accepted.
 */
export function textProblem(text: string, options: { multiLine?: boolean } = {}): string | null {
  const controls = options.multiLine ? CONTROL_CHARACTERS_BUT_LINES : CONTROL_CHARACTERS;
  if (controls.test(text)) return options.multiLine ? 'must not contain control characters other than tabs and line breaks' : 'must not contain control characters';
  if (!text.isWellFormed()) return 'must be well-formed Unicode (it has a lone surrogate)';
  return null;
}

interface TextOptions {
  /** Longest accepted, in UTF-16 code units as JavaScript counts them. */
  max: number;
  /** Refuse an empty or whitespace-only value with "is required". */
  required?: boolean;
}

function text(options: TextOptions & { multiLine: boolean }) {
  const { max, required = false, multiLine } = options;
  return z
    .string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be text') })
    .max(max, { error: `must be at most ${max} characters` })
    .superRefine((value, ctx) => {
      const problem = textProblem(value, { multiLine });
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
      else if (required && value.trim() === '') ctx.addIssue({ code: 'custom', message: 'is required' });
    });
}

/**
 * Text on one line (a name, a headline), stored exactly as accepted: nothing is trimmed, so
 * what a caller sends is what every reader gets back.
 */
export const singleLineText = (options: TextOptions) => text({ ...options, multiLine: false });

/** Text that may run over several lines (a bio, a story): tabs and line breaks are welcome. */
export const multiLineText = (options: TextOptions) => text({ ...options, multiLine: true });

/** A refinement for other string schemas (URLs, keys) that must not smuggle control characters. */
export const plainText = (value: string) => textProblem(value) === null;
export const PLAIN_TEXT_ERROR = { error: 'must not contain control characters or lone surrogates' } as const;

/**
 * For PATCH bodies: an empty object changes nothing, and is the caller's mistake rather than a
 * silent success (or an UPDATE with nothing to set).
 */
export const atLeastOneField = <T extends z.ZodType<Record<string, unknown>>>(schema: T) =>
  schema.refine((body) => Object.values(body).some((value) => value !== undefined), { error: 'give at least one field to change' });

export const PageQuery = z.object({
  limit: z.coerce
    .number({ error: 'must be a whole number between 1 and 100' })
    .int({ error: 'must be a whole number between 1 and 100' })
    .min(1, { error: 'must be between 1 and 100' })
    .max(100, { error: 'must be between 1 and 100' })
    .default(20)
    .meta({ description: 'How many items to return, 1 to 100.' }),
  cursor: z
    .string()
    .min(1)
    .max(512)
    .optional()
    .meta({ description: 'The `nextCursor` of the previous page.' }),
});

/** A cursor-paginated list: `nextCursor` is null on the last page. */
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ data: z.array(item), nextCursor: z.string().nullable() });

export const FieldError = z.object({
  path: z.string().meta({ description: 'Where the problem is, such as `query.limit` or `body.title`.' }),
  message: z.string(),
});

/** RFC 9457 problem details: the body of every error response. */
export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    code: z.string(),
    requestId: z.string().optional(),
    errors: z.array(FieldError).optional(),
  })
  .meta({ id: 'Problem' });

export type LibrarySlug = z.infer<typeof LibrarySlug>;
/** What a caller may send as a query: every field optional, typed as the server reads it. */
export type QueryOf<T extends z.ZodType> = Partial<z.output<T>>;
export type PageQuery = QueryOf<typeof PageQuery>;
export type Page<T> = { data: T[]; nextCursor: string | null };
export type FieldError = z.infer<typeof FieldError>;
export type Problem = z.infer<typeof Problem>;
