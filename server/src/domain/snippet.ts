import type { Profile, SnippetSegment } from '@talking-library/sdk/schema';

const WORD = /[\p{L}\p{N}]+/gu;
const AROUND = 8;

/** What the index compares: lower case, accents dropped (as FTS5's remove_diacritics does). */
const fold = (word: string) => word.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();

/**
 * Where a profile matched the query, as text segments with the matching words marked: the first
 * field (headline, skills, bio, stories) holding a match, cut to a few words either side. Built
 * here rather than by FTS5's snippet(), which costs tens of milliseconds on prefix queries.
 * Every word but the last must match whole; the last may be the start of a word.
 */
export function snippetFor(profile: Profile, query: string): SnippetSegment[] | null {
  const words = (query.normalize('NFKC').match(WORD) ?? []).slice(0, 12).map(fold);
  if (words.length === 0) return null;
  const last = words.length - 1;
  const matches = (token: string) => words.some((word, i) => (i === last ? token.startsWith(word) : token === word));
  const fields = [profile.headline, profile.skills.map((s) => s.name).join(' · '), profile.bio, ...profile.stories.flatMap((s) => [s.title, s.body])];
  for (const field of fields) {
    const tokens = [...field.matchAll(WORD)];
    const first = tokens.findIndex((t) => matches(fold(t[0])));
    if (first === -1) continue;
    const from = Math.max(0, first - AROUND);
    const to = Math.min(tokens.length - 1, first + AROUND * 2);
    const start = tokens[from]!.index;
    const end = tokens[to]!.index + tokens[to]![0].length;
    const segments: SnippetSegment[] = from > 0 ? [{ text: '…', match: false }] : [];
    let cursor = start;
    for (const token of tokens.slice(from, to + 1)) {
      if (!matches(fold(token[0]))) continue;
      if (token.index > cursor) segments.push({ text: field.slice(cursor, token.index), match: false });
      segments.push({ text: token[0], match: true });
      cursor = token.index + token[0].length;
    }
    if (end > cursor) segments.push({ text: field.slice(cursor, end), match: false });
    if (to < tokens.length - 1) segments.push({ text: '…', match: false });
    return mergePlain(segments);
  }
  return null;
}

function mergePlain(segments: SnippetSegment[]): SnippetSegment[] {
  const out: SnippetSegment[] = [];
  for (const segment of segments) {
    const previous = out.at(-1);
    if (previous && !previous.match && !segment.match) previous.text += segment.text;
    else out.push({ ...segment });
  }
  return out;
}
