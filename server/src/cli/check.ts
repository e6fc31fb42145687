/**
 * One document's problems as `domxml check` reports them: exactly the server's findings
 * (well-formedness, the schema's, cpuset/nodeset), with 1-based lines and columns in UTF-16 code units.
 */
import { HostTopology } from '../features/cpuset/documentSets';
import { documentFindings } from '../features/diagnostics';
import { Finding, Severity } from '../finding';
import { Position } from '../parser/lineIndex';
import { ParsedDocument } from '../parser/parsedDocument';
import { Schema } from '../schema/schema';

export type ProblemSeverity = 'error' | 'warning' | 'info' | 'hint';

export interface Problem {
  file: string;
  /** 1-based, like an editor's status bar. */
  line: number;
  /** 1-based, in UTF-16 code units (what VS Code counts). */
  column: number;
  endLine: number;
  /** 1-based column just after the last character (equal to `column` for an empty range). */
  endColumn: number;
  severity: ProblemSeverity;
  code: string;
  message: string;
  /** Set when libvirt's schema accepts what this is about (libvirt's parser or the guest's start does not). */
  beyondSchema?: true;
}

export interface CheckOptions {
  /** Undefined: well-formedness only. */
  schema: Schema | undefined;
  /** Most problems per document, as libvirtXml.diagnostics.maxProblems. */
  maxProblems: number;
  /** The host the pins are meant for (--host-cpus, --host-nodes); undefined: no host checks. */
  host?: HostTopology;
}

const SEVERITY: Record<Severity, ProblemSeverity> = {
  error: 'error',
  warning: 'warning',
  information: 'info',
  hint: 'hint',
};

export function checkText(file: string, text: string, options: CheckOptions): Problem[] {
  const document = parseForCheck(text);
  return checkDocument(document, options).map((finding) => problemOf(file, finding, (offset) => document.positionAt(offset)));
}

/** No size limit: whoever runs the checker on a file asked for it to be checked. */
export function parseForCheck(text: string): ParsedDocument {
  return ParsedDocument.parse(text, Number.POSITIVE_INFINITY);
}

export function checkDocument(document: ParsedDocument, options: CheckOptions): Finding[] {
  const limits = { maxProblems: options.maxProblems, maxFileSizeMB: Number.POSITIVE_INFINITY };
  return documentFindings(document, limits, options.schema, options.host);
}

/** The finding as printed, its offsets turned into lines and columns by `positionAt`. */
export function problemOf(file: string, finding: Pick<Finding, 'start' | 'end' | 'severity' | 'code' | 'message' | 'beyondSchema'>, positionAt: (offset: number) => Position): Problem {
  const start = positionAt(finding.start);
  const end = positionAt(finding.end);
  const problem: Problem = {
    file,
    line: start.line + 1,
    column: start.character + 1,
    endLine: end.line + 1,
    endColumn: end.character + 1,
    severity: SEVERITY[finding.severity],
    code: finding.code,
    message: finding.message,
  };
  if (finding.beyondSchema) problem.beyondSchema = true;
  return problem;
}
