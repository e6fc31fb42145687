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

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: SarifLevel;
  message: { text: string };
  locations: {
    physicalLocation: {
      artifactLocation: ArtifactLocation;
      region: { startLine: number; startColumn: number; endLine: number; endColumn: number };
    };
  }[];
}

export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: {
    tool: { driver: { name: string; version?: string; informationUri?: string; rules: { id: string }[] } };
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
            rules: ruleIds.map((id) => ({ id })),
          },
        },
        originalUriBaseIds: { [SOURCE_ROOT]: { uri: directoryUri(run.workingDirectory) } },
        columnKind: 'utf16CodeUnits',
        invocations: [
          {
            executionSuccessful: run.failures.length === 0,
            toolExecutionNotifications: run.failures.map((text) => ({ level: 'error', message: { text } })),
          },
        ],
        results: problems.map((p) => ({
          ruleId: p.code,
          ruleIndex: ruleIndex.get(p.code) ?? 0,
          level: LEVEL[p.severity],
          message: { text: p.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: artifactLocation(p.file, run.workingDirectory),
                region: { startLine: p.line, startColumn: p.column, endLine: p.endLine, endColumn: p.endColumn },
              },
            },
          ],
        })),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
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
