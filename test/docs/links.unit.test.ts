/**
 * Given the README, the docs/ files and the READMEs of seeds/ and bench/, every relative link names a file of the repository, and
 * every `#anchor` names a heading of its target as GitHub renders it (github-slugger). A section
 * renamed or moved to another file without its links fails here.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import GithubSlugger from 'github-slugger';
import { describe, expect, it } from 'vitest';
import { guideDocuments, headingTextsOf, linksOf, readDocument, repoRoot } from './markdown-files.js';

function anchorsOf(path: string): Set<string> {
  const slugger = new GithubSlugger();
  return new Set(headingTextsOf(readDocument(path)).map((text) => slugger.slug(text.replace(/`/g, ''))));
}

describe('links of the README and docs/', () => {
  it('has a README and several docs files', () => {
    expect(guideDocuments().length).toBeGreaterThan(8);
  });

  for (const document of [...guideDocuments(), 'seeds/README.md', 'seeds/sources/README.md', 'bench/README.md']) {
    it(`${document}: every relative link and anchor resolves`, () => {
      const broken: string[] = [];
      for (const { target, line } of linksOf(readDocument(document))) {
        if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto:
        const [pathPart, anchor] = target.split('#') as [string, string | undefined];
        const resolved = pathPart === '' ? document : normalize(join(dirname(document), decodeURIComponent(pathPart)));
        if (resolved.startsWith('..') || !existsSync(join(repoRoot, resolved))) {
          broken.push(`line ${line}: ${target} (no file ${resolved})`);
          continue;
        }
        if (anchor !== undefined) {
          if (!resolved.endsWith('.md') || statSync(join(repoRoot, resolved)).isDirectory()) {
            broken.push(`line ${line}: ${target} (an anchor into a file that is not Markdown)`);
          } else if (!anchorsOf(resolved).has(anchor)) {
            broken.push(`line ${line}: ${target} (no heading #${anchor} in ${resolved})`);
          }
        }
      }
      expect(broken).toEqual([]);
    });
  }

  it('the README links every docs/ file from its Links table, so that none is left unfound', () => {
    const readme = readDocument('README.md');
    const links = readme.slice(readme.indexOf('## Links'));
    for (const document of guideDocuments().filter((path) => path.startsWith('docs/'))) expect(links).toContain(`](${document})`);
  });

  it('the README is a guide: a table of contents and a few hundred lines', () => {
    const readme = readDocument('README.md');
    const lines = readme.split('\n').length;
    expect(lines).toBeLessThan(450);
    const contents = readme.slice(readme.indexOf('**Contents**'), readme.indexOf('## Quickstart'));
    const sections = readme.split('\n').flatMap((line) => (line.startsWith('## ') ? [line.slice(3)] : []));
    expect(sections.length).toBeGreaterThan(8);
    for (const section of sections) expect(contents).toContain(`[${section}](#`);
    expect(readme).toContain('npm install && npm start');
    expect(readme).toContain('npm test');
  });
});
