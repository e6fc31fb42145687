/**
 * Completion of libvirt's references: in a value that names an IOThread, a NUMA cell, a
 * controller, a vCPU, an alias or a throttle group, the ids the domain defines, each with what it
 * is (`iothread 2`, `cell 1 · cpus 4-7`, `controller pci 1 · pcie-root-port`), written the way the
 * document writes them (PCI buses in hexadecimal, as libvirt does, unless the document does not).
 * Lists of ids are cpuset completion's (cpuset/setCompletion.ts), and so is `<vcpupin vcpu>`.
 */
import { Words, render, words } from '../messages/words';
import { valueSpan } from '../parser/nodes';
import { Domain } from '../rules/domain';
import { Analysis } from './analysis';
import type { CompletionSuggestion } from './completion';
import { CursorTarget } from './cursor';
import { ReferenceToken, SITES, Scope, elOf, scopeOfPlace, scopeTokens, trimSpan } from './references/model';
import { escapeXml, writeLike } from './references/rename';

/** The attributes (`@name`) and text elements a reference may be written in. */
const REFERENCE_HOLDERS = new Set([...SITES.map((site) => (site.attribute ? `@${site.attribute}` : site.path[site.path.length - 1])), '@bus', '@controller']);

/** Ids offered at most from a count (`<vcpu>`, `<iothreads>`). */
const MAX_ITEMS = 1024;

export function referenceCompletions(analysis: Analysis, target: CursorTarget, offset: number): CompletionSuggestion[] {
  if (target.kind !== 'attributeValue' && target.kind !== 'content') return [];
  // Before reading the whole domain: is the value or text under the cursor one a reference can be in?
  const holder = target.kind === 'attributeValue' ? `@${target.attribute.name}` : target.ancestors[target.ancestors.length - 1]?.node.name;
  if (!REFERENCE_HOLDERS.has(holder)) return [];
  const domain = analysis.domain;
  if (!domain) return [];
  let scope: Scope | undefined;
  let replace: { from: number; to: number } | undefined;
  if (target.kind === 'attributeValue') {
    const { element, attribute } = target;
    if (element.node.name === 'vcpupin') return [];
    scope = scopeOfPlace(domain, [...target.ancestors, element], { attribute: attribute.name }, true);
    const span = valueSpan(element.start, attribute, offset);
    replace = { from: span.from, to: Math.max(span.to, span.from) };
  } else {
    const element = target.ancestors[target.ancestors.length - 1];
    if (!element || element.node.children.some((child) => child.kind === 'element')) return [];
    scope = scopeOfPlace(domain, target.ancestors, 'text', true);
    const content = domain.content(elOf(element));
    replace = offset >= content.from && offset <= content.to ? trimmedAround(domain.text, content.from, content.to, offset) : undefined;
  }
  if (!scope || !replace) return [];
  const write = numberWriter(analysis, scope);
  const defined = new Map<number | string, ReferenceToken>();
  for (const definition of scopeTokens(analysis, scope, 'definitions')) {
    if (definition.role !== 'definition') continue;
    for (const id of idsOf(definition)) if (!defined.has(id) && defined.size < MAX_ITEMS) defined.set(id, definition);
  }
  const ids = [...defined.keys()];
  if (ids.every((id) => typeof id === 'number')) (ids as number[]).sort((a, b) => a - b);
  const range = { replaceStart: replace.from, replaceEnd: replace.to };
  return ids.map((id, index) => {
    const text = typeof id === 'number' ? write(id) : escapeXml(id);
    const said = describe(domain, defined.get(id)!, id);
    const detail = render(said, 'en');
    return { label: text, kind: 'value', insertText: text, snippet: false, ...range, filterText: text, detail, detailWords: said, sortText: `0${String(index).padStart(5, '0')}` };
  });
}

/** The text of the element around the cursor, without the spaces around it (the cursor itself when there are only spaces). */
function trimmedAround(text: string, from: number, to: number, offset: number): { from: number; to: number } {
  const span = trimSpan(text, from, to);
  return offset >= span.from && offset <= span.to ? span : { from: offset, to: offset };
}

function idsOf(definition: ReferenceToken): (number | string)[] {
  if (!definition.ids) return [definition.id];
  const ids: number[] = [];
  for (const [first, last] of definition.ids.ranges()) for (let id = first; id <= last && ids.length < MAX_ITEMS; id++) ids.push(id);
  return ids;
}

/** Numbers in the form the document's addresses use; PCI buses as libvirt writes them when none says. */
function numberWriter(analysis: Analysis, scope: Scope): (n: number) => string {
  const sample = scopeTokens(analysis, scope, 'uses').find((token) => !token.missing && token.el.element.name === 'address');
  if (sample) {
    const written = analysis.source.slice(sample.from, sample.to);
    return (n) => writeLike(sample, written, n);
  }
  if (scope === 'controller pci') return (n) => `0x${n.toString(16).padStart(2, '0')}`;
  return String;
}

/** What a defined id is: `iothread 2`, `cell 1 · cpus 4-7`, `controller pci 1 · pcie-root-port`. */
function describe(domain: Domain, definition: ReferenceToken, id: number | string): Words {
  const { el, scope } = definition;
  switch (scope) {
    case 'iothread':
      return words(definition.ids ? 'completion.reference.iothread.counted' : 'completion.reference.iothread', { id });
    case 'cell': {
      const cpus = domain.value(el, 'cpus');
      return cpus ? words('completion.reference.cell.cpus', { id, cpus }) : words('completion.reference.cell', { id });
    }
    case 'vcpu':
      return words('completion.reference.vcpu', { id });
    case 'alias':
      return words('completion.reference.alias', { element: el.element.name });
    case 'throttlegroup':
      return words('completion.reference.throttleGroup');
    default: {
      // `controller pci 1`: the scope is the element and its type, as written.
      const model = domain.value(el, 'model');
      return model ? words('completion.reference.model', { scope, id, model }) : words('completion.reference.other', { scope, id });
    }
  }
}
