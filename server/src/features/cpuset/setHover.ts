/**
 * Hover on a cpuset/nodeset value: which ids libvirt makes of it, how many, the form libvirt
 * prints, and against the host's topology which ids it does not have; for a value libvirt
 * rejects, why.
 */
import { Attribute, ElementNode, attributeValue, valueSpan } from '../../parser/nodes';
import { Located } from '../../parser/tree';
import { Source } from '../../parser/pieceText';
import { Language, Words, render, words } from '../../messages/words';
import { hostIds, namedIds, nounWords, nounsWords, type SetNoun } from './checkSet';
import { describeSet } from './describeSet';
import { HostTopology, setOptions } from './documentSets';
import { IdSet } from '../../rules/cpuset/idSet';
import { setAttributeKind } from './setAttributes';

/** What set features need besides the tree: the text, the schema's set attributes, the host. */
export interface SetContext {
  text: Source;
  /** "element@attribute" of the set attributes (setAttributeKeysOf). */
  keys: ReadonlySet<string>;
  host: HostTopology | undefined;
}

export interface SetHover {
  markdown: string;
  /** The value's text, without its quotes. */
  start: number;
  end: number;
}

/** The listing is cut here: a scattered set of thousands of ids would flood the hover. */
const MAX_LISTING_CHARS = 300;

/** The hover for the value of `attribute` on `element`, when it is a set attribute whose value is closed, in `language`. */
export function setValueHover(
  context: SetContext,
  element: Located<ElementNode>,
  attribute: Attribute,
  parent: string | undefined,
  language: Language,
): SetHover | undefined {
  const name = element.node.name;
  if (!context.keys.has(`${name}@${attribute.name}`) || attribute.valueOffset < 0 || !attribute.valueClosed) return undefined;
  const value = attributeValue(context.text, element.start, attribute);
  const options = setOptions({ element: element.node, attribute, parent }, context.host);
  const noun = options.noun ?? 'CPU';
  const kind = setAttributeKind(name, attribute.name, parent);
  const lines: Words[] = [words('sets.hover.title', { attribute: attribute.name, element: name, meaning: meaning(noun, kind.host !== undefined) })];
  const described = describeSet(value, options);
  const { from, to } = valueSpan(element.start, attribute);
  if (!described.accepted) {
    lines.push(described.summaryWords);
  } else {
    const listing = cut(described.listing);
    const count = described.count;
    lines.push(count === 1 ? words('sets.hover.count.one', { count, noun: nounWords(noun), listing }) : words('sets.hover.count.other', { count, nouns: nounsWords(noun), listing }));
    if (described.canonical !== context.text.slice(from, to)) lines.push(words('sets.hover.printed', { canonical: described.canonical }));
    if (options.host) {
      const has = hostIds(IdSet.of(options.host), noun);
      const outside = described.beyondHost && namedIds(IdSet.of(described.beyondHost.ranges), noun);
      const host = options.hostName;
      if (host) lines.push(outside ? words('sets.hover.notOnNamedHost', { has, outside, host }) : words('sets.hover.allOnNamedHost', { has, host }));
      else lines.push(outside ? words('sets.hover.notOnHost', { has, outside }) : words('sets.hover.allOnHost', { has }));
    }
  }
  return { markdown: lines.map((line) => render(line, language)).join('\n\n'), start: from, end: to };
}

/** What the ids of the attribute name, in the words of libvirt's documentation. */
function meaning(noun: SetNoun, onHost: boolean): Words {
  switch (noun) {
    case 'CPU':
      return words('sets.meaning.hostCpus');
    case 'node':
      return words(onHost ? 'sets.meaning.hostNodes' : 'sets.meaning.guestNodes');
    case 'vCPU':
      return words('sets.meaning.guestVcpus');
    case 'iothread':
      return words('sets.meaning.iothreads');
    case 'id':
      return words('sets.meaning.ids');
  }
}

/** The listing up to MAX_LISTING_CHARS, cut between two runs. */
function cut(listing: string): string {
  if (listing.length <= MAX_LISTING_CHARS) return listing;
  return `${listing.slice(0, listing.lastIndexOf(', ', MAX_LISTING_CHARS))}, …`;
}
