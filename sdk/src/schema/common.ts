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
