/**
 * The project's own Markdown documents (the README and docs/*.md) and what they link to:
 * the one list that the link check and the example runner both read.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const repoRoot = new URL('../../', import.meta.url).pathname;

/** Paths relative to the repository root: README.md first, then docs/*.md sorted. */
export function guideDocuments(): string[] {
  const docs = readdirSync(join(repoRoot, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => `docs/${name}`);
  return ['README.md', ...docs];
}

export function readDocument(path: string): string {
  return readFileSync(join(repoRoot, path), 'utf8');
}

/** The text outside fenced code blocks, with inline code spans blanked (links there are not links). */
export function proseOf(markdown: string): string {
  const out: string[] = [];
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (/^\s*```/.test(line)) {
      fenced = !fenced;
      out.push('');
      continue;
    }
    out.push(fenced ? '' : line.replace(/`[^`]*`/g, (span) => ' '.repeat(span.length)));
  }
  return out.join('\n');
}

/** The headings (ATX, outside code fences) of a document, in order, inline code kept. */
export function headingTextsOf(markdown: string): string[] {
  const texts: string[] = [];
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (/^\s*```/.test(line)) fenced = !fenced;
    if (fenced) continue;
    const match = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (match) texts.push(match[1]!);
  }
  return texts;
}

export interface MarkdownLink {
  target: string;
  line: number;
}

/** Inline links and images `[text](target)` in the prose of a document. */
export function linksOf(markdown: string): MarkdownLink[] {
  const links: MarkdownLink[] = [];
  proseOf(markdown)
    .split('\n')
    .forEach((line, index) => {
      for (const match of line.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
        links.push({ target: match[1]!, line: index + 1 });
      }
    });
  return links;
}
