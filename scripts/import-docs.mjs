#!/usr/bin/env node
// Turns the Chinese domain XML spec (formatdomain.zh.md) into schemas/docs/zh.json,
// the hover documentation the language server ships. The server never reads the spec
// itself, so everything it shows in Chinese comes from here.
//
//   node scripts/import-docs.mjs <path>/formatdomain.zh.md [--out FILE]
//   node scripts/import-docs.mjs <path>/formatdomain.zh.md --inventory   (what the spec covers, as JSON)
//
// Every Chinese string in the output is the spec's own text (trimmed or joined); the
// only rewriting is inside XML examples, where machine-translated element names and
// typographic quotes are mapped back to libvirt's real syntax.
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeFileAtomically } from '../out/server/src/safeWrite.js';

// Element names the spec's examples were machine-translated into, mapped back to the
// names libvirt's schema (domaincommon.rng) uses.
const TRANSLATED_NAMES = new Map([
  ['域', 'domain'],
  ['大页面', 'hugepages'],
  ['锁定', 'locked'],
  ['丢弃', 'discard'],
]);

// The spec's section headings, mapped to the English headings of libvirt's formatdomain page,
// whose ids (see sectionAnchor) the entries link to.
const SECTION_TITLES = new Map([
  ['元素和属性', 'General metadata'],
  ['操作系统启动', 'Operating system booting'],
  ['内核启动', 'Direct kernel boot'],
  ['容器启动', 'Container boot'],
  ['CPU分配', 'CPU Allocation'],
  ['IOThreads 线程分配', 'IOThreads Allocation'],
  ['CPU调整', 'CPU Tuning'],
  ['内存分配', 'Memory Allocation'],
  ['内存支持', 'Memory Backing'],
  ['内存调整', 'Memory Tuning'],
  ['NUMA节点调整', 'NUMA Node Tuning'],
  ['Block I/O 调整', 'Block I/O Tuning'],
  ['Resource partitioning', 'Resource partitioning'],
  ['CPU模型和拓扑', 'CPU model and topology'],
  ['事件配置', 'Events configuration'],
  ['电源管理', 'Power Management'],
  ['Hypervisor features', 'Hypervisor features'],
  ['Time keeping', 'Time keeping'],
  ['Performance monitoring events', 'Performance monitoring events'],
  ['设备', 'Devices'],
  ['硬盘，软盘，CD-ROM', 'Hard drives, floppy disks, CDROMs'],
  ['Filesystems', 'Filesystems'],
  ['设备地址', 'Device Addresses'],
  ['Virtio相关选项', 'Virtio-related options'],
  ['控制器', 'Controllers'],
  ['主机设备分配', 'Host device assignment'],
  ['网络接口', 'Network interfaces'],
]);
const LIBVIRT_DOMAIN_DOCS = 'https://libvirt.org/formatdomain.html';

/** The id libvirt's site gives a heading: lowercase, runs of anything else as one `-`. */
export function sectionAnchor(title) {
  return title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

export function sectionLink(heading) {
  const title = SECTION_TITLES.get(heading);
  if (!title) throw new Error(`Spec section "${heading}" has no English heading; add it to SECTION_TITLES`);
  return `${LIBVIRT_DOMAIN_DOCS}#${sectionAnchor(title)}`;
}

// Elements that only wrap others; a section's subject is what sits inside them.
const WRAPPERS = new Set(['domain', 'devices']);
const MAX_EXAMPLE_LINES = 12;
const MAX_VARIANT_LINES = 3;
const ELEMENT_NAME = /^[A-Za-z_][\w.-]*$/;

/** Repairs what machine translation did to an XML example so it reads as real libvirt XML. */
export function normalizeExample(code) {
  return code
    .replace(/[“”]/g, '"')
    .replace(/[‘’]/g, "'")
    .replace(/<(\/?)\s*([^\s/>]+)/g, (_m, slash, name) => `<${slash}${TRANSLATED_NAMES.get(name) ?? name}`)
    .replace(/([\w:-])\s*=\s*(["'])/g, '$1=$2')
    // `size="1"unit="G"`: the translation dropped the space between attributes.
    .replace(/(=(["'])[^"'\n]*\2)(?=[A-Za-z])/g, '$1 ')
    // `type="file | anonymous | memfd"` lists alternatives; libvirt writes them without spaces.
    .replace(/(=(["']))([^"'\n]*)\2/g, (_m, eq, q, value) => `${eq}${value.replace(/\s*\|\s*/g, '|')}${q}`);
}

/** Splits the Markdown into sections of blocks: paragraphs, list items, indented lines, code. */
export function parseMarkdown(text) {
  const sections = [];
  let section = null;
  let para = null;
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  const flush = () => {
    if (para && section) section.blocks.push(para);
    para = null;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const heading = /^(#{2,6})\s+(.*?)\s*$/.exec(line);
    if (heading) {
      flush();
      section = { heading: heading[2].replace(/\s+/g, ' '), blocks: [] };
      sections.push(section);
      continue;
    }
    if (/^\s*```/.test(line)) {
      flush();
      const code = [];
      for (i++; i < lines.length && !/^\s*```/.test(lines[i]); i++) code.push(lines[i]);
      section?.blocks.push({ kind: 'code', text: code.join('\n') });
      continue;
    }
    if (!section) continue; // the document title and anything before the first section
    if (line.trim() === '') {
      flush();
      continue;
    }
    const item = /^\s*[-*]\s+(.*)$/.exec(line);
    if (item) {
      if (para?.kind !== 'list') {
        flush();
        para = { kind: 'list', items: [] };
      }
      para.items.push(item[1].trim());
      continue;
    }
    if (/^(\t| {2,})\S/.test(line)) {
      flush();
      section.blocks.push({ kind: 'indented', text: line.trim() });
      continue;
    }
    if (para?.kind !== 'para') {
      flush();
      para = { kind: 'para', text: '' };
    }
    para.text = joinLines(para.text, line.trim());
  }
  flush();
  return sections;
}

function joinLines(a, b) {
  if (!a) return b;
  // Chinese text wraps without spaces; Latin text needs one.
  return /[\u3000-\u9fff\uff00-\uffef]$/.test(a) || /^[\u3000-\u9fff\uff00-\uffef]/.test(b) ? a + b : `${a} ${b}`;
}

/**
 * Scans one example into element occurrences. The examples are not all well-formed
 * (one `<source>` is never closed), so an element is also considered closed when a
 * later tag starts at or left of its own indentation.
 */
export function scanExample(code) {
  const lines = code.split('\n');
  const occurrences = [];
  const stack = [];
  const closeAt = (item, line) => {
    item.occ.endLine = line;
  };
  lines.forEach((line, lineNo) => {
    const indent = /^\s*/.exec(line)[0].length;
    let first = true;
    for (const m of line.matchAll(/<(\/?)([^\s/>!?]+)([^>]*?)(\/?)>/g)) {
      const [, closing, name, attrText, selfClosing] = m;
      if (first) {
        while (stack.length && stack[stack.length - 1].indent >= indent && !(closing && stack[stack.length - 1].occ.name === name)) {
          closeAt(stack.pop(), lineNo - 1);
        }
        first = false;
      }
      if (closing) {
        const at = stack.map((s) => s.occ.name).lastIndexOf(name);
        if (at >= 0) while (stack.length > at) closeAt(stack.pop(), lineNo);
        continue;
      }
      const attributes = [...attrText.matchAll(/([\w:.-]+)=(["'])(.*?)\2/g)].map((a) => a[1]);
      const parent = stack.length ? stack[stack.length - 1].occ : null;
      const occ = { name, parent, attributes, children: [], startLine: lineNo, endLine: null, lines };
      occurrences.push(occ);
      parent?.children.push(occ);
      if (selfClosing || new RegExp(`</${escapeRegExp(name)}>`).test(line.slice(m.index + m[0].length))) {
        occ.endLine = lineNo;
      } else {
        stack.push({ occ, indent });
      }
    }
  });
  while (stack.length) closeAt(stack.pop(), lastContentLine(lines));
  return occurrences;
}

function lastContentLine(lines) {
  let i = lines.length - 1;
  while (i > 0 && lines[i].trim() === '') i--;
  return i;
}

function escapeRegExp(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The lines of one occurrence, dedented. A long subtree keeps its opening line, as many
 * whole children as fit, and its closing line, so the example never cuts a child in half.
 */
function occurrenceLines(occ) {
  let lines = occ.lines.slice(occ.startLine, occ.endLine + 1);
  if (lines.length > MAX_EXAMPLE_LINES) {
    const kept = [lines[0]];
    for (const child of occ.children) {
      const childLines = occ.lines.slice(child.startLine, child.endLine + 1);
      if (kept.length + childLines.length > MAX_EXAMPLE_LINES - 2) break;
      kept.push(...childLines);
    }
    const elided = `${/^\s*/.exec(lines[1])[0]}...`;
    const last = lines[lines.length - 1];
    lines = last.trim().startsWith(`</${occ.name}`) ? [...kept, elided, last] : [...kept, elided];
  }
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => /^\s*/.exec(l)[0].length));
  return lines.map((l) => l.slice(indent).trimEnd());
}

const SENTENCE = /[^。]+。?/g;

export function buildDocs(markdownText, fileName) {
  const sections = parseMarkdown(markdownText);
  /** key `${name}\u0000${parent}` -> entry under construction */
  const entries = new Map();
  let order = 0;

  const keyOf = (name, parent) => `${name}\u0000${parent ?? ''}`;
  const entryFor = (name, parent, section) => {
    const key = keyOf(name, parent);
    let e = entries.get(key);
    if (!e) {
      e = { name, parent, order: order++, firstSection: section, proseSection: null, prose: [], attributes: {}, occurrences: [] };
      entries.set(key, e);
    }
    return e;
  };
  const addProse = (e, section, text) => {
    if (!e.proseSection) e.proseSection = section;
    e.prose.push({ section, text });
  };
  const addAttribute = (e, attr, text) => {
    e.attributes[attr] = e.attributes[attr] ? joinLines(e.attributes[attr], text) : text;
  };

  for (const section of sections) {
    section.occurrences = [];
    for (const block of section.blocks) {
      if (block.kind !== 'code') continue;
      block.text = normalizeExample(block.text);
      const occs = scanExample(block.text);
      for (const occ of occs) {
        if (/[^\x00-\x7f]/.test(occ.name)) {
          throw new Error(`Example element <${occ.name}> in "${section.heading}" has no known libvirt name; add it to TRANSLATED_NAMES`);
        }
      }
      section.occurrences.push(...occs);
      if (!section.roots) section.roots = subjectRoots(occs);
    }
    for (const occ of section.occurrences) {
      if (!ELEMENT_NAME.test(occ.name) || occ.name.includes(':')) continue; // foreign metadata
      // Examples that start below <domain> (an <os>, <cpu>, <devices> ...) sit directly in it.
      const parent = occ.parent ? occ.parent.name : occ.name === 'domain' ? null : 'domain';
      entryFor(occ.name, parent, section.heading).occurrences.push({ section: section.heading, occ });
    }
  }

  const sectionOccurrences = (section, name) => section.occurrences.filter((o) => o.name === name);
  // The occurrence a definition talks about: the shallowest one in its own section.
  const subjectEntry = (section, name) => {
    const occs = sectionOccurrences(section, name);
    const anywhere = occs.length ? occs : sections.flatMap((s) => sectionOccurrences(s, name));
    if (!anywhere.length) return null;
    const depth = (o) => (o.parent ? 1 + depth(o.parent) : 0);
    const occ = anywhere.reduce((best, o) => (depth(o) < depth(best) ? o : best));
    return entries.get(keyOf(name, occ.parent ? occ.parent.name : name === 'domain' ? null : 'domain'));
  };
  const attributesOf = (section, name) => new Set(section.occurrences.filter((o) => o.name === name).flatMap((o) => o.attributes));

  for (const section of sections) {
    let current = null; // the element the previous definition described
    for (const block of section.blocks) {
      if (block.kind === 'code') {
        current = null;
        continue;
      }
      if (block.kind === 'indented') {
        const attr = /^`\s*([\w:-]+)\s*`\s*(.*)$/.exec(block.text);
        if (attr && current) {
          addAttribute(current, attr[1], attr[2]);
          continue;
        }
      }
      const text = block.kind === 'list' ? block.items.map((i) => `- ${i}`).join('\n') : block.text;
      const def = block.kind === 'para' ? parseDefinition(block.text) : null;
      const defEntry = def && subjectEntry(section, def.name);
      if (defEntry) {
        current = defEntry;
        if (def.attribute) {
          addAttribute(defEntry, def.attribute, def.text);
          addProse(defEntry, section.heading, `\`${def.attribute}\`：${def.text}`);
        } else {
          addProse(defEntry, section.heading, def.text);
          assignSentences(defEntry, def.text, section);
        }
        continue;
      }
      if (current) {
        // A paragraph or list right after a definition continues it (domain's attributes, genid's cases).
        addProse(current, section.heading, text);
        if (block.kind === 'para') assignSentences(current, text, section);
        continue;
      }
      // Section prose: it is about the elements it names, or else the section's subject.
      const named = [...text.matchAll(/`\s*([\w-]+)\s*`/g)].map((m) => m[1]).filter((n) => sectionOccurrences(section, n).length);
      const targets = named.length ? [...new Set(named)] : section.roots ?? [];
      for (const name of targets) {
        const e = subjectEntry(section, name);
        if (e) addProse(e, section.heading, text);
      }
    }
  }

  // Splits a definition into sentences and files those about one attribute (or about a
  // child element, like acpi's `table`) under it; sentences without a name continue the previous one.
  function assignSentences(entry, text, section) {
    let target = null;
    for (const sentence of text.match(SENTENCE) ?? []) {
      const names = [...sentence.matchAll(/`\s*([\w-]+)\s*`\s*(元素|属性)?/g)];
      let next = target;
      for (const [, name, kind] of names) {
        if (name === entry.name && kind === '元素') {
          next = null;
          break;
        }
        const owner = target?.element ?? entry;
        if (kind !== '元素' && attributesOf(section, owner.name).has(name)) {
          next = { element: target?.element ?? null, attribute: name };
          break;
        }
        if (kind === '元素' && sectionOccurrences(section, name).length) {
          next = { element: subjectEntry(section, name), attribute: null };
          break;
        }
      }
      target = next;
      if (!names.length && /参数|属性/.test(sentence)) {
        // `loader：…可以选择 readonly 和 secure 两个参数`: attributes named without backticks.
        const bare = [...sentence.matchAll(/[A-Za-z][\w-]*/g)].map((m) => m[0]).filter((n) => attributesOf(section, entry.name).has(n));
        for (const attribute of new Set(bare)) addAttribute(entry, attribute, sentence.trim());
        if (bare.length) continue;
      }
      if (!target) continue;
      const owner = target.element ?? entry;
      const s = sentence.trim();
      if (target.attribute) addAttribute(owner, target.attribute, s);
      if (target.element) {
        if (!owner.prose.some((p) => p.section === section.heading)) addProse(owner, section.heading, s);
        else owner.prose[owner.prose.length - 1].text = joinLines(owner.prose[owner.prose.length - 1].text, s);
      }
    }
  }

  const elements = {};
  for (const e of entries.values()) {
    const section = e.proseSection ?? e.firstSection;
    const markdown = e.prose.length
      ? e.prose.map((p) => (p.section === section ? p.text : `**${p.section}**：${p.text}`)).join('\n\n')
      : `**${section}**`;
    const doc = { section, link: sectionLink(section), markdown };
    const example = exampleFor(e, section);
    if (example) doc.example = example;
    if (Object.keys(e.attributes).length) doc.attributes = e.attributes;
    elements[pathKey(e)] = doc;
  }

  return {
    language: 'zh',
    source: {
      file: fileName,
      sha256: createHash('sha256').update(markdownText).digest('hex'),
      generatedBy: 'node scripts/import-docs.mjs <path>',
    },
    entries: elements,
  };
}

/**
 * What the spec covers, for the coverage report: each element path its examples show, the
 * attributes the examples give it, and those its text describes.
 */
export function specInventory(markdownText) {
  const { entries } = buildDocs(markdownText, 'spec');
  const shown = new Map();
  const described = new Map();
  for (const section of parseMarkdown(markdownText)) {
    for (const block of section.blocks) {
      if (block.kind !== 'code') continue;
      for (const occ of scanExample(normalizeExample(block.text))) {
        if (!ELEMENT_NAME.test(occ.name) || occ.name.includes(':')) continue;
        const path = occurrencePath(occ);
        const attrs = shown.get(path) ?? new Set();
        for (const a of occ.attributes) if (!a.includes(':') && a !== 'xmlns') attrs.add(a);
        shown.set(path, attrs);
        const entry = entries[path] ?? entries[entryKey(occ.name, occ.parent ? occ.parent.name : occ.name === 'domain' ? null : 'domain')];
        described.set(path, Object.keys(entry?.attributes ?? {}));
      }
    }
  }
  const elements = {};
  for (const path of [...shown.keys()].sort()) {
    elements[path] = { shown: [...shown.get(path)].sort(), described: [...described.get(path)].sort() };
  }
  return { elements };
}

/**
 * An entry's key: the element's whole path when the examples show it at one place within the
 * first levels (`domain/cputune/vcpupin`, `domain/devices/disk`), else the `parent/name` suffix.
 * Deeper elements sit in definitions the schema reuses (a disk <source>'s children recur in
 * every <backingStore>), and the suffix reaches them all.
 */
const MAX_FULL_PATH_DEPTH = 3;

function pathKey(entry) {
  const paths = new Set(entry.occurrences.map(({ occ }) => occurrencePath(occ)));
  const [only] = paths;
  return paths.size === 1 && only.split('/').length <= MAX_FULL_PATH_DEPTH ? only : entryKey(entry.name, entry.parent);
}

/** Names from the example's top down to `occ`; examples that start below <domain> sit in it. */
function occurrencePath(occ) {
  const names = [];
  for (let o = occ; o; o = o.parent) names.unshift(o.name);
  return names[0] === 'domain' ? names.join('/') : ['domain', ...names].join('/');
}

/** `domain`, `domain/vcpu` under the root, `parent/name` below it (a path suffix). */
function entryKey(name, parent) {
  if (!parent) return name;
  return parent === 'domain' ? `domain/${name}` : `${parent}/${name}`;
}

/** `name：text`, `os firmware:text` or `` `kernel` text ``. */
function parseDefinition(text) {
  const tick = /^`\s*([A-Za-z][\w-]*)\s*`\s*(.+)$/.exec(text);
  if (tick) return { name: tick[1], attribute: null, text: tick[2].trim() };
  const colon = /^([A-Za-z][\w-]*)(?:\s+([A-Za-z][\w-]*))?\s*[：:]\s*(.+)$/.exec(text);
  if (colon) return { name: colon[1], attribute: colon[2] ?? null, text: colon[3].trim() };
  return null;
}

/** The elements an example is about: its top level, looking inside <domain>/<devices>. */
function subjectRoots(occs) {
  let level = occs.filter((o) => !o.parent);
  while (level.length === 1 && WRAPPERS.has(level[0].name)) {
    const children = occs.filter((o) => o.parent === level[0]);
    if (!children.length) break;
    level = children;
  }
  return [...new Set(level.map((o) => o.name))];
}

function exampleFor(entry, section) {
  const occs = entry.occurrences.filter((o) => o.section === section).map((o) => o.occ);
  const pick = occs.length ? occs : entry.occurrences.map((o) => o.occ);
  if (!pick.length) return undefined;
  if (pick[0].startLine === pick[0].endLine) {
    // One-line elements: show a few distinct variants (e.g. several <boot dev=...>).
    const variants = [...new Set(pick.filter((o) => o.startLine === o.endLine).map((o) => occurrenceLines(o)[0]))];
    return variants.slice(0, MAX_VARIANT_LINES).join('\n');
  }
  // Prefer an occurrence short enough to show whole.
  const whole = pick.find((o) => o.endLine - o.startLine < MAX_EXAMPLE_LINES) ?? pick[0];
  return occurrenceLines(whole).join('\n');
}

/** JSON with object keys sorted at every level, so re-running gives identical bytes. */
export function serialize(value) {
  const sort = (v) =>
    Array.isArray(v)
      ? v.map(sort)
      : v && typeof v === 'object'
        ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sort(v[k])]))
        : v;
  return `${JSON.stringify(sort(value), null, 2)}\n`;
}

function main(argv) {
  const args = argv.slice(2);
  const inventoryIdx = args.indexOf('--inventory');
  if (inventoryIdx >= 0) {
    args.splice(inventoryIdx, 1);
    if (!args[0]) {
      console.error('usage: node scripts/import-docs.mjs <path>/formatdomain.zh.md --inventory');
      process.exit(2);
    }
    process.stdout.write(serialize(specInventory(readFileSync(args[0], 'utf8'))));
    return;
  }
  const outIdx = args.indexOf('--out');
  const out = outIdx >= 0 ? args.splice(outIdx, 2)[1] : join(dirname(fileURLToPath(import.meta.url)), '..', 'schemas', 'docs', 'zh.json');
  const [input] = args;
  if (!input || !out) {
    console.error('usage: node scripts/import-docs.mjs <path>/formatdomain.zh.md [--out FILE]');
    process.exit(2);
  }
  const text = readFileSync(input, 'utf8');
  const docs = buildDocs(text, basename(input));
  // Through a temporary file renamed over the old one: an interrupted import leaves the old docs whole.
  writeFileAtomically(out, serialize(docs));
  const entries = Object.values(docs.entries);
  const attrs = entries.reduce((n, e) => n + Object.keys(e.attributes ?? {}).length, 0);
  console.log(`${resolve(out)}: ${entries.length} entries, ${attrs} attributes`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main(process.argv);
