/** libvirt's English documentation of the format (../shared/spec/formatdomain.en.rst), for tests that hold our text and links against it. */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { sectionAnchor } from '../../../server/src/docs/elementDocs';
import { SHARED } from './corpus';

export const EN_SPEC = path.join(SHARED, 'spec', 'formatdomain.en.rst');

/** The section ids of formatdomain.html, from the headings of the .rst; undefined when it is absent. */
export function specAnchors(): Set<string> | undefined {
  if (!existsSync(EN_SPEC)) return undefined;
  // reStructuredText headings: a title line over a line of one repeated punctuation mark.
  const lines = readFileSync(EN_SPEC, 'utf8').split('\n');
  const anchors = new Set<string>();
  lines.forEach((line, i) => {
    const under = lines[i + 1] ?? '';
    if (line.trim() && /^([=\-~^*"'])\1{2,}\s*$/.test(under) && under.trim().length >= line.trim().length) anchors.add(sectionAnchor(line.trim()));
  });
  return anchors;
}

const words = (s: string) => s.toLowerCase().replace(/[`*"']/g, '').split(/[^a-z0-9]+/).filter(Boolean);
/** Eight words in a row is a copied phrase, not a shared fact. */
const RUN = 8;

/** A run of eight words `text` shares with the .rst, if any (the .rst must exist). */
export function copiedPhrase(text: string): string | undefined {
  copiedFrom ??= ` ${words(readFileSync(EN_SPEC, 'utf8')).join(' ')} `;
  const w = words(text);
  for (let i = 0; i + RUN <= w.length; i++) {
    const run = w.slice(i, i + RUN).join(' ');
    if (copiedFrom.includes(` ${run} `)) return run;
  }
  return undefined;
}
let copiedFrom: string | undefined;
