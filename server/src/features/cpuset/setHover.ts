/**
 * Hover on a cpuset/nodeset value: which ids libvirt makes of it, how many, the form libvirt
 * prints, and against the host's topology which ids it does not have; for a value libvirt
 * rejects, why.
 */
import { Attribute, ElementNode, attributeValue, valueSpan } from '../../parser/nodes';
import { Located } from '../../parser/tree';
import { Source } from '../../parser/pieceText';
import { namedIds, type SetNoun } from './checkSet';
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

/** The hover for the value of `attribute` on `element`, when it is a set attribute whose value is closed. */
export function setValueHover(context: SetContext, element: Located<ElementNode>, attribute: Attribute, parent: string | undefined): SetHover | undefined {
  const name = element.node.name;
  if (!context.keys.has(`${name}@${attribute.name}`) || attribute.valueOffset < 0 || !attribute.valueClosed) return undefined;
  const value = attributeValue(context.text, element.start, attribute);
  const options = setOptions({ element: element.node, attribute, parent }, context.host);
  const noun = options.noun ?? 'CPU';
  const kind = setAttributeKind(name, attribute.name, parent);
  const lines = [`**\`${attribute.name}\`** of \`<${name}>\` · ${meaning(noun, kind.host !== undefined)}`];
  const described = describeSet(value, options);
  const { from, to } = valueSpan(element.start, attribute);
  if (!described.accepted) {
    lines.push(described.summary);
  } else {
    lines.push(`**${described.count} ${plural(noun, described.count)}**: ${cut(described.listing)}`);
    if (described.canonical !== context.text.slice(from, to)) lines.push(`libvirt prints it as \`${described.canonical}\`.`);
    if (options.host) {
      const host = IdSet.of(options.host);
      const has = host.isEmpty ? `no ${noun}s` : namedIds(host, noun);
      lines.push(
        described.beyondHost
          ? `**Not on this host** (it has ${has}): ${namedIds(IdSet.of(described.beyondHost.ranges), noun)}.`
          : `All on this host (it has ${has}).`,
      );
    }
  }
  return { markdown: lines.join('\n\n'), start: from, end: to };
}

/** What the ids of the attribute name, in the words of libvirt's documentation. */
function meaning(noun: SetNoun, onHost: boolean): string {
  switch (noun) {
    case 'CPU':
      return 'host CPUs';
    case 'node':
      return onHost ? 'host NUMA nodes' : 'guest NUMA nodes';
    case 'vCPU':
      return 'guest vCPUs';
    case 'iothread':
      return 'IOThreads';
    case 'id':
      return 'ids';
  }
}

function plural(noun: SetNoun, count: number): string {
  return count === 1 ? noun : `${noun}s`;
}

/** The listing up to MAX_LISTING_CHARS, cut between two runs. */
function cut(listing: string): string {
  if (listing.length <= MAX_LISTING_CHARS) return listing;
  return `${listing.slice(0, listing.lastIndexOf(', ', MAX_LISTING_CHARS))}, …`;
}
