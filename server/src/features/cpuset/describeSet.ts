/** What a cpuset/nodeset value selects, for hover: the ids, how many, libvirt's form, and what the host lacks. */
import { Words, render, words } from '../../messages/words';
import { checkSet, hostIds, namedIds, nounWords, nounsWords, type SetNoun } from './checkSet';
import { evaluateSet } from '../../rules/cpuset/evaluate';
import { IdSet, type IdRange } from '../../rules/cpuset/idSet';

export type SetDescription =
  | {
      accepted: true;
      ranges: readonly IdRange[];
      count: number;
      /** Runs for reading: `0–3, 8, 9` (a run of two is written out). */
      listing: string;
      /** As libvirt prints it: `0-3,8-9`. */
      canonical: string;
      /** Only when a host was given and some selected ids are not on it. */
      beyondHost?: { ranges: readonly IdRange[]; count: number; canonical: string };
      /** One plain sentence: `4 CPUs: 1, 2, 4, 6.`; in English, and in any language as `summaryWords`. */
      summary: string;
      summaryWords: Words;
    }
  | { accepted: false; summary: string; summaryWords: Words };

export function describeSet(value: string, options: { noun?: SetNoun; host?: readonly IdRange[] } = {}): SetDescription {
  const noun = options.noun ?? 'CPU';
  const set = evaluateSet(value);
  if (!set) {
    const firstError = checkSet(value, { noun }).find((f) => f.severity === 'error');
    const said = firstError?.words ? words('sets.describe.rejected', { reason: firstError.words }) : words('sets.describe.rejectedNoReason');
    return { accepted: false, summary: render(said, 'en'), summaryWords: said };
  }
  const count = set.count;
  const listing = listRuns(set.ranges());
  let said =
    count === 1 ? words('sets.describe.count.one', { count, noun: nounWords(noun), listing }) : words('sets.describe.count.other', { count, nouns: nounsWords(noun), listing });
  let beyondHost: { ranges: readonly IdRange[]; count: number; canonical: string } | undefined;
  if (options.host) {
    const hostSet = IdSet.of(options.host);
    const outside = set.subtract(hostSet);
    if (!outside.isEmpty) {
      beyondHost = { ranges: outside.ranges(), count: outside.count, canonical: outside.format() };
      said = words('sets.describe.notOnHost', { summary: said, has: hostIds(hostSet, noun), outside: namedIds(outside, noun) });
    }
  }
  const description: SetDescription = { accepted: true, ranges: set.ranges(), count, listing, canonical: set.format(), summary: render(said, 'en'), summaryWords: said };
  if (beyondHost) description.beyondHost = beyondHost;
  return description;
}

function listRuns(ranges: readonly IdRange[]): string {
  return ranges
    .map(([a, b]) => (a === b ? `${a}` : b === a + 1 ? `${a}, ${b}` : `${a}–${b}`))
    .join(', ');
}
