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

export interface ShellExample {
  /** The command as written (continuation lines joined), without its trailing comment. */
  command: string;
  /** The trailing `# comment`, if any. */
  comment: string;
  line: number;
  /** `NAME` when the example is `NAME=$(command)`: its output is kept for the examples after it. */
  assigns?: string;
}

const EXAMPLE_START = /^(?:([A-Z_][A-Z0-9_]*)=\$\()?(curl|npx orgtrail)\s/;

/** The command and its trailing comment: a `#` after whitespace and outside quotes starts the comment. */
function splitComment(text: string): [string, string] {
  let quote: string | null = null;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i]!;
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '#' && i > 0 && /\s/.test(text[i - 1]!)) return [text.slice(0, i).trim(), text.slice(i + 1).trim()];
  }
  return [text.trim(), ''];
}

/**
 * The curl and `npx orgtrail` examples of a document, in order: every line of a sh/bash code
 * block (continuations joined) and every inline code span that starts with one of them.
 */
export function shellExamplesOf(markdown: string): ShellExample[] {
  const examples: ShellExample[] = [];
  const lines = markdown.split('\n');
  let fence: string | null = null;
  const take = (text: string, line: number) => {
    const [command, comment] = splitComment(text);
    const match = EXAMPLE_START.exec(command);
    if (!match) return;
    const assigns = match[1];
    examples.push({ command: assigns ? command.slice(assigns.length + 3, command.lastIndexOf(')')) : command, comment, line, ...(assigns ? { assigns } : {}) });
  };
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i]!;
    const opening = /^\s*```(\w*)/.exec(line);
    if (opening) {
      fence = fence === null ? opening[1]! : null;
      continue;
    }
    if (fence === 'sh' || fence === 'bash') {
      let text = line.trim();
      const start = i + 1;
      while (text.endsWith('\\') && i + 1 < lines.length) text = `${text.slice(0, -1).trimEnd()} ${lines[++i]!.trim()}`;
      take(text, start);
    } else if (fence === null) {
      for (const span of line.matchAll(/`((?:curl|npx orgtrail) [^`]+)`/g)) take(span[1]!, i + 1);
    }
  }
  return examples;
}
