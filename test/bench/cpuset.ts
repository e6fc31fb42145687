/**
 * cpuset/nodeset diagnostics on a large pinning table (issue 4, item 7: a document with 4,096
 * `<vcpupin>` lines gets its diagnostics in ≤ 20 ms). The document is a generated domain with
 * `<vcpu>4096</vcpu>` and one `<vcpupin vcpu='N' cpuset='…'/>` per vCPU (each pinned to a pair of
 * sibling threads on a 256-CPU host, so values repeat as they do in real tables). Measured:
 *
 * - documentFindings from scratch (fresh parse, schema caches warm), beside the parse alone and
 *   the well-formedness + schema part alone, and the set checks alone (checkDocumentSets);
 * - documentFindings after a one-character edit inside the middle pin's cpuset through
 *   ParsedDocument.replace, as the server does (validation memoised per element), beside the
 *   edit alone and the memoised well-formedness + schema part alone;
 * - didChange → publishDiagnostics over stdio with the real server (host set to the 256 CPUs the
 *   pins are meant for), beside the same round trip on a generated domain of the same size with
 *   disks and interfaces instead of pins, and on the smallest generated domain (mostly the
 *   protocol's own cost); then once more with the server's default host, this machine, which
 *   may put every pin beyond it (the worst case: a warning per pin, 1000 published).
 * The machine is shared: compare ratios, not absolute times. Medians.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { documentFindings } from '../../server/src/features/diagnostics';
import { HostTopology, checkDocumentSets } from '../../server/src/features/cpuset/documentSets';
import { setAttributeKeysOf } from '../../server/src/features/cpuset/setAttributes';
import { checkWellFormedness } from '../../server/src/features/wellFormedness';
import { ParsedDocument } from '../../server/src/parser/parsedDocument';
import { Schema, loadModelFile } from '../../server/src/schema/schema';
import { ElementValidation, validateTree } from '../../server/src/schema/validate';
import { LspClient } from '../lsp/lspClient';
import { generateDomain } from './generateDomain';
import { fmt, median, timed } from './measure';
import { Analysis } from '../../server/src/features/analysis';

const MODEL = path.resolve(__dirname, '..', '..', '..', 'schemas', 'libvirt-domain.json');
const PINS = 4096;
const TARGET_MS = 20;
const LIMITS = { maxProblems: 1000, maxFileSizeMB: 16 };
/** The host the pins are meant for: the beyond-host checks run, and find nothing. */
const HOST: HostTopology = { cpus: [[0, 255]], nodes: [[0, 1]] };
const HOST_SETTINGS = { cpus: '0-255', numaNodes: '0-1' };

/** The generated domain's head with `<vcpu>` raised to `pins` and one `<vcpupin>` per vCPU. */
function pinnedDomain(pins: number): string {
  const lines: string[] = [];
  for (let vcpu = 0; vcpu < pins; vcpu++) {
    const core = vcpu % 128;
    lines.push(`    <vcpupin vcpu='${vcpu}' cpuset='${core},${core + 128}'/>\n`);
  }
  const base = generateDomain(0);
  const vcpu = "<vcpu placement='static' cpuset='0-15,^3'>8</vcpu>";
  const pinsStart = base.indexOf('    <vcpupin');
  const pinsEnd = base.indexOf('    <emulatorpin');
  if (!base.includes(vcpu) || pinsStart < 0 || pinsEnd < pinsStart) throw new Error('the generated domain no longer has the <vcpu> and <vcpupin> lines this bench rewrites');
  // Over 255 vCPUs libvirt wants interrupt remapping with extended interrupt mode (x2APIC).
  return (base.slice(0, pinsStart) + lines.join('') + base.slice(pinsEnd))
    .replace(vcpu, `<vcpu placement='static'>${pins}</vcpu>`)
    // The two guest NUMA cells split the vCPUs between them.
    .replace("cpus='0-3'", `cpus='0-${pins / 2 - 1}'`)
    .replace("cpus='4-7'", `cpus='${pins / 2}-${pins - 1}'`)
    .replace('    <apic/>\n', "    <apic/>\n    <ioapic driver='qemu'/>\n")
    .replace('  </devices>', "    <iommu model='intel'>\n      <driver intremap='on' eim='on'/>\n    </iommu>\n  </devices>");
}

/** Just inside the cpuset value of the middle pin. */
function middlePinEdit(text: string): number {
  const needle = `<vcpupin vcpu='${PINS >> 1}' cpuset='`;
  const at = text.indexOf(needle);
  if (at < 0) throw new Error('no middle pin');
  return at + needle.length;
}

/** The parts documentFindings is made of, without the set checks. */
function wellFormedAndSchema(document: ParsedDocument, schema: Schema): void {
  checkWellFormedness(document.tree, LIMITS.maxProblems);
  validateTree(schema.derivatives, schema.datatypes, document.text, document.tree, LIMITS.maxProblems, document.memo<ElementValidation>(schema));
}

interface FunctionRow {
  case: string;
  totalMs: number;
  baselines: [string, number][];
}

function measureFromScratch(text: string, schema: Schema): FunctionRow {
  const keys = setAttributeKeysOf(schema);
  const parse: number[] = [];
  const plain: number[] = [];
  const sets: number[] = [];
  const total: number[] = [];
  for (let i = 0; i < 23; i++) {
    // Interleaved so each sees the same machine load; a fresh document each time (no memo).
    const [parseMs, document] = timed(() => ParsedDocument.parse(text));
    const [plainMs] = timed(() => wellFormedAndSchema(ParsedDocument.parse(text), schema));
    const [setsMs] = timed(() => checkDocumentSets(document.text, document.tree, keys, HOST));
    const [totalMs, findings] = timed(() => documentFindings(new Analysis(ParsedDocument.parse(text), { limits: LIMITS, schema: schema, host: HOST })));
    if (findings.some((f) => f.severity === 'error' || f.severity === 'warning')) throw new Error(`the pinned domain is not clean: ${findings[0].code}`);
    if (i >= 3) {
      parse.push(parseMs);
      plain.push(plainMs);
      sets.push(setsMs);
      total.push(totalMs);
    }
  }
  return {
    case: 'from scratch: parse + documentFindings',
    totalMs: median(total),
    baselines: [
      ['parse alone', median(parse)],
      ['parse + well-formedness + schema (no set checks)', median(plain)],
      ['checkDocumentSets alone', median(sets)],
    ],
  };
}

function measureAfterEdit(text: string, schema: Schema): FunctionRow {
  const keys = setAttributeKeysOf(schema);
  const at = middlePinEdit(text);
  const document = ParsedDocument.parse(text);
  documentFindings(new Analysis(document, { limits: LIMITS, schema: schema, host: HOST }));
  const edit: number[] = [];
  const plain: number[] = [];
  const sets: number[] = [];
  const total: number[] = [];
  for (let i = 0; i < 43; i++) {
    // Type a digit in front of the value (`5,133` → `15,133`: still clean), then take it out.
    const insert = i % 2 === 0;
    const [editMs] = timed(() => (insert ? document.replace(at, at, '1') : document.replace(at, at + 1, '')));
    const [totalMs, findings] = timed(() => documentFindings(new Analysis(document, { limits: LIMITS, schema: schema, host: HOST })));
    if (findings.some((f) => f.severity === 'error')) throw new Error(`the edit made an error: ${findings[0].code}`);
    // The same edit again (undone and redone), for the parts alone with the same memo state.
    document.replace(at, insert ? at + 1 : at, insert ? '' : '1');
    documentFindings(new Analysis(document, { limits: LIMITS, schema: schema, host: HOST }));
    document.replace(at, insert ? at : at + 1, insert ? '1' : '');
    const [plainMs] = timed(() => wellFormedAndSchema(document, schema));
    const [setsMs] = timed(() => checkDocumentSets(document.text, document.tree, keys, HOST));
    if (i >= 3) {
      edit.push(editMs);
      plain.push(plainMs);
      sets.push(setsMs);
      total.push(totalMs);
    }
  }
  return {
    case: '1-char edit in a pin: replace, then documentFindings',
    totalMs: median(total),
    baselines: [
      ['the edit alone (ParsedDocument.replace)', median(edit)],
      ['well-formedness + schema, memoised (no set checks)', median(plain)],
      ['checkDocumentSets alone', median(sets)],
    ],
  };
}

function readOnline(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    return undefined;
  }
}

function positionAt(text: string, offset: number): { line: number; character: number } {
  const before = text.slice(0, offset);
  return { line: before.split('\n').length - 1, character: offset - (before.lastIndexOf('\n') + 1) };
}

/** Median didChange → publishDiagnostics for a digit typed at `at` and taken out, alternately. */
async function keystrokeMs(client: LspClient, uri: string, text: string, at: number, insert: string): Promise<number> {
  await client.open(uri, text, 1);
  const { line, character } = positionAt(text, at);
  const samples: number[] = [];
  for (let version = 2; version < 34; version++) {
    const typing = version % 2 === 0;
    const start = process.hrtime.bigint();
    await client.change(uri, version, [
      typing
        ? { range: { start: { line, character }, end: { line, character } }, text: insert }
        : { range: { start: { line, character }, end: { line, character: character + 1 } }, text: '' },
    ]);
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  await client.close(uri);
  return median(samples.slice(4));
}

async function main(): Promise<void> {
  const [loadMs, schema] = timed(() => Schema.fromModel(loadModelFile(MODEL), 'bundled'));
  const text = pinnedDomain(PINS);
  const [firstMs] = timed(() => documentFindings(new Analysis(ParsedDocument.parse(text), { limits: LIMITS, schema: schema, host: HOST })));
  console.log(`cpuset diagnostics on ${PINS} <vcpupin> lines (${fmt(text.length / 1024, 0)} KB; medians; target ≤ ${TARGET_MS} ms)\n`);
  console.log(`Schema load ${fmt(loadMs, 1)} ms; first documentFindings after it (the engine derives lazily) ${fmt(firstMs, 1)} ms\n`);
  console.log('| case | ms | target | beside, same run |');
  console.log('|---|---|---|---|');
  for (const row of [measureFromScratch(text, schema), measureAfterEdit(text, schema)]) {
    const beside = row.baselines.map(([what, ms]) => `${what} ${fmt(ms)} ms`).join('; ');
    console.log(`| ${row.case} | ${fmt(row.totalMs)} | ≤ ${TARGET_MS} | ${beside} |`);
  }

  const client = await LspClient.start();
  try {
    const small = generateDomain(0);
    const smallAt = small.indexOf("cpuset='2'") + "cpuset='".length;
    const sameSize = generateDomain(text.length);
    const sameSizeAt = sameSize.indexOf("file='", sameSize.length >> 1) + "file='".length + 2;
    const pinAt = middlePinEdit(text);
    await client.configure({ host: HOST_SETTINGS });
    // The first round warms the server and the connection up.
    await keystrokeMs(client, 'file:///bench-cpuset-warm-up.xml', text, pinAt, '1');
    const pinnedMs = await keystrokeMs(client, 'file:///bench-cpuset-pins.xml', text, pinAt, '1');
    const sameSizeMs = await keystrokeMs(client, 'file:///bench-cpuset-devices.xml', sameSize, sameSizeAt, 'x');
    const floorMs = await keystrokeMs(client, 'file:///bench-cpuset-small.xml', small, smallAt, '1');
    // The default host is the machine the server runs on: here every pin may lie beyond it.
    await client.configure({ host: { cpus: '', numaNodes: '' } });
    const thisHost = readOnline('/sys/devices/system/cpu/online');
    const thisHostMs = thisHost === undefined ? undefined : await keystrokeMs(client, 'file:///bench-cpuset-this-host.xml', text, pinAt, '1');
    console.log('\nOver stdio: didChange → publishDiagnostics, a digit typed and taken out, alternately (medians of 28)\n');
    console.log(`| document | host | keystroke → diagnostics ms | target |`);
    console.log('|---|---|---|---|');
    console.log(`| ${PINS} pins (${fmt(text.length / 1024, 0)} KB), edit in the middle pin | CPUs ${HOST_SETTINGS.cpus}: no finding | ${fmt(pinnedMs)} | ≤ ${TARGET_MS} |`);
    console.log(`| same size, disks and interfaces instead of pins, edit in a disk path | CPUs ${HOST_SETTINGS.cpus} | ${fmt(sameSizeMs)} | - |`);
    console.log(`| smallest generated domain (${fmt(small.length / 1024, 1)} KB), edit in a pin | CPUs ${HOST_SETTINGS.cpus} | ${fmt(floorMs)} | - |`);
    if (thisHostMs !== undefined) {
      const published = client.latest.get('file:///bench-cpuset-this-host.xml')?.diagnostics.length ?? 0;
      console.log(`| ${PINS} pins, edit in the middle pin | this machine's CPUs ${thisHost}: ${published} warnings published | ${fmt(thisHostMs)} | - |`);
    }
  } finally {
    await client.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
