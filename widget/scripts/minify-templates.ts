import { readFile } from 'node:fs/promises';
import type { Plugin } from 'esbuild';
import ts from 'typescript';

/**
 * Lit's `css`, `html` and `svg` templates reach the bundle as written, indentation and all: esbuild
 * minifies code, not the text inside template literals. This plugin squeezes the literal parts of
 * those templates (never the `${…}` expressions) before esbuild sees the file.
 */
export function minifyLitTemplates(): Plugin {
  return {
    name: 'minify-lit-templates',
    setup(build) {
      build.onLoad({ filter: /[\\/]widget[\\/]src[\\/].*\.ts$/ }, async (args) => {
        const source = await readFile(args.path, 'utf8');
        return { contents: minifyTemplates(source, args.path), loader: 'ts' };
      });
    },
  };
}

export function minifyTemplates(source: string, fileName = 'file.ts'): string {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true);
  const edits: { start: number; end: number; text: string }[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isTaggedTemplateExpression(node) && ts.isIdentifier(node.tag) && (node.tag.text === 'css' || node.tag.text === 'html' || node.tag.text === 'svg')) {
      const squeeze = node.tag.text === 'css' ? squeezeCss : squeezeHtml;
      const template = node.template;
      const parts = ts.isNoSubstitutionTemplateLiteral(template) ? [template] : [template.head, ...template.templateSpans.map((span) => span.literal)];
      for (const part of parts) {
        // The literal's text between its delimiters: ` or } before, ` or ${ after.
        const start = part.getStart(file) + 1;
        const end = part.getEnd() - (ts.isTemplateTail(part) || ts.isNoSubstitutionTemplateLiteral(part) ? 1 : 2);
        edits.push({ start, end, text: squeeze(source.slice(start, end)) });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  let result = source;
  for (const edit of edits.sort((a, b) => b.start - a.start)) result = result.slice(0, edit.start) + edit.text + result.slice(edit.end);
  return result;
}

/**
 * Comments go, whitespace runs become one space, none is kept beside `{ } ; , >` or after `:`, and
 * `0.5` loses its leading zero. (`+`, `-`, `~` and `*` keep theirs: calc() needs them.)
 */
function squeezeCss(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};,>])\s*/g, '$1')
    .replace(/:\s+/g, ':')
    .replace(/;}/g, '}')
    .replace(/(^|[^\w.#-])0\.(\d)/g, '$1.$2');
}

/** Runs of whitespace, line breaks included, render as one space in HTML: keep just that one. */
function squeezeHtml(text: string): string {
  return text.replace(/\s+/g, ' ');
}
