import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

export const REPO_ROOT = join(import.meta.dirname, '../..');

export interface CodeBlock {
  lang: string;
  code: string;
}

/** The README's text under one `## ` heading, up to the next. Fails loudly if the heading moved. */
export async function readmeSection(heading: string): Promise<string> {
  const text = await readFile(join(REPO_ROOT, 'README.md'), 'utf8');
  const start = text.indexOf(`\n## ${heading}\n`);
  if (start < 0) throw new Error(`README.md has no "## ${heading}" section`);
  const next = text.indexOf('\n## ', start + 4);
  return text.slice(start, next < 0 ? undefined : next);
}

/** The fenced code blocks of some Markdown, in order, their indentation (inside list items) removed. */
export function codeBlocks(markdown: string): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  const fence = /^([ \t]*)```(\w*)\n([\s\S]*?)^\1```[ \t]*$/gm;
  for (const match of markdown.matchAll(fence)) {
    const indent = match[1]!;
    const code = match[3]!
      .split('\n')
      .map((line) => (line.startsWith(indent) ? line.slice(indent.length) : line))
      .join('\n');
    blocks.push({ lang: match[2]!, code });
  }
  return blocks;
}

export function onlyBlock(blocks: CodeBlock[], lang: string, where: string): string {
  const found = blocks.filter((b) => b.lang === lang);
  if (found.length !== 1) throw new Error(`expected one \`\`\`${lang} block in ${where}, found ${found.length}`);
  return found[0]!.code;
}
