/**
 * `--format sarif`: a SARIF 2.1.0 log (OASIS standard), the format code-scanning services read.
 * Only the parts of the format this tool fills in are typed here.
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Problem, ProblemSeverity } from './check';
import { STDIN_NAME } from './files';

export const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
/** Paths are given relative to the directory the checker ran in, named by this base id. */
export const SOURCE_ROOT = '%SRCROOT%';

type SarifLevel = 'error' | 'warning' | 'note';

interface ArtifactLocation {
  uri: string;
  uriBaseId?: string;
}

interface PhysicalLocation {
  artifactLocation: ArtifactLocation;
  region: { startLine: number; startColumn: number; endLine: number; endColumn: number };
}

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: SarifLevel;
  message: { text: string };
  locations: { physicalLocation: PhysicalLocation }[];
  relatedLocations?: { id: number; physicalLocation: PhysicalLocation; message: { text: string } }[];
}

/** A reportingDescriptor: the code, and for libvirt's rules what the rule checks and where libvirt.org documents it. */
interface SarifRule {
  id: string;
  shortDescription?: { text: string };
  fullDescription?: { text: string };
  help?: { text: string; markdown: string };
  helpUri?: string;
}

export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: {
    tool: { driver: { name: string; version?: string; informationUri?: string; rules: SarifRule[] } };
    originalUriBaseIds: Record<string, { uri: string }>;
    columnKind: 'utf16CodeUnits';
    invocations: {
      executionSuccessful: boolean;
      toolExecutionNotifications: { level: SarifLevel; message: { text: string } }[];
    }[];
    results: SarifResult[];
  }[];
}

export interface SarifRun {
  toolName: string;
  toolVersion: string | undefined;
  /** The directory paths are made relative to. */
  workingDirectory: string;
  /** Files or arguments that could not be read: the run was incomplete. */
  failures: readonly string[];
  /** What the run could not check but did not fail on (host checks skipped, and why). */
  notes?: readonly string[];
}

const LEVEL: Record<ProblemSeverity, SarifLevel> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

export function formatSarif(problems: readonly Problem[], run: SarifRun): string {
  const ruleIds = [...new Set(problems.map((p) => p.code))].sort();
  const ruleIndex = new Map(ruleIds.map((id, index) => [id, index]));
  const log: SarifLog = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: run.toolName,
            ...(run.toolVersion === undefined ? {} : { version: run.toolVersion }),
            rules: ruleIds.map((id) => ruleOf(id, problems.find((p) => p.code === id))),
          },
        },
        originalUriBaseIds: { [SOURCE_ROOT]: { uri: directoryUri(run.workingDirectory) } },
        columnKind: 'utf16CodeUnits',
        invocations: [
          {
            executionSuccessful: run.failures.length === 0,
            toolExecutionNotifications: [
              ...run.failures.map((text) => ({ level: 'error' as const, message: { text } })),
              ...(run.notes ?? []).map((text) => ({ level: 'note' as const, message: { text } })),
            ],
          },
        ],
        results: problems.map((p) => ({
          ruleId: p.code,
          ruleIndex: ruleIndex.get(p.code) ?? 0,
          level: LEVEL[p.severity],
          message: { text: p.message },
          locations: [{ physicalLocation: physicalLocation(p.file, p, run.workingDirectory) }],
          ...(p.related
            ? { relatedLocations: p.related.map((r, id) => ({ id, physicalLocation: physicalLocation(p.file, r, run.workingDirectory), message: { text: r.message } })) }
            : {}),
        })),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function physicalLocation(file: string, at: Pick<Problem, 'line' | 'column' | 'endLine' | 'endColumn'>, workingDirectory: string): PhysicalLocation {
  return {
    artifactLocation: artifactLocation(file, workingDirectory),
    region: { startLine: at.line, startColumn: at.column, endLine: at.endLine, endColumn: at.endColumn },
  };
}

/** The rule entry of a code: its help, when the problems of that code carry one. */
function ruleOf(id: string, example: Problem | undefined): SarifRule {
  if (!example?.help) return { id };
  const firstSentence = /^.*?[.:](?=\s|$)/.exec(example.help)?.[0] ?? example.help;
  return {
    id,
    shortDescription: { text: firstSentence },
    fullDescription: { text: example.help },
    help: { text: example.help, markdown: example.help },
    ...(example.helpUri ? { helpUri: example.helpUri } : {}),
  };
}

/** A relative URI under the working directory; an absolute file URI for anything outside it. */
function artifactLocation(file: string, workingDirectory: string): ArtifactLocation {
  if (file === STDIN_NAME) return { uri: encodeURIComponent(STDIN_NAME) };
  const absolute = path.resolve(workingDirectory, file);
  const relative = path.relative(workingDirectory, absolute);
  if (relative === '' || relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) return { uri: pathToFileURL(absolute).href };
  return { uri: relative.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: SOURCE_ROOT };
}

function directoryUri(directory: string): string {
  const href = pathToFileURL(directory).href;
  return href.endsWith('/') ? href : `${href}/`;
}
