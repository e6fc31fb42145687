/**
 * One document's problems as `domxml check` reports them: exactly the server's findings
 * (well-formedness, the schema's, cpuset/nodeset), with 1-based lines and columns in UTF-16 code units.
 */
import { HostTopology } from '../features/cpuset/documentSets';
import { documentFindings } from '../features/diagnostics';
import { Finding, Severity } from '../finding';
import { Words } from '../messages/words';
import { Position } from '../parser/lineIndex';
import { ParsedDocument } from '../parser/parsedDocument';
import { Schema } from '../schema/schema';
import { helpIn, ruleByCode, ruleHelpUri } from '../rules';
import { Analysis } from '../features/analysis';
import { HostChecks } from '../rules/host/facts';

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
  /** In English (JSON and SARIF print it); `words` say it in the language of the text format, where the check gave them. */
  message: string;
  words?: Words;
  /** Set when libvirt's schema accepts what this is about (libvirt's parser or the guest's start does not). */
  beyondSchema?: true;
  /** The other places it is about (the first device on the same address), in the same file. */
  related?: RelatedProblem[];
  /** For a libvirt rule's finding: what libvirt checks and how to put it right (in English; `helpWords` where translated), and where libvirt.org documents it. */
  help?: string;
  helpWords?: Words;
  helpUri?: string;
}

export interface RelatedProblem {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
  words?: Words;
}

export interface CheckOptions {
  /** Undefined: well-formedness only. */
  schema: Schema | undefined;
  /** Most problems per document, as libvirtXml.diagnostics.maxProblems. */
  maxProblems: number;
  /** The host the pins are meant for (--host-cpus, --host-nodes, or --connect's); undefined: no host checks. */
  host?: HostTopology;
  /** The libvirt host the documents are checked against (--connect), its facts read. */
  hostChecks?: HostChecks;
}

const SEVERITY: Record<Severity, ProblemSeverity> = {
  error: 'error',
  warning: 'warning',
  information: 'info',
  hint: 'hint',
};

export function checkText(file: string, text: string, options: CheckOptions): Problem[] {
  return checkAnalysis(file, analysisForCheck(parseForCheck(text), options));
}

/** The problems of one analysed document. */
export function checkAnalysis(file: string, analysis: Analysis): Problem[] {
  const document = analysis.document;
  return documentFindings(analysis).map((finding) => problemOf(file, finding, (offset) => document.positionAt(offset)));
}

/** No size limit: whoever runs the checker on a file asked for it to be checked. */
export function parseForCheck(text: string): ParsedDocument {
  return ParsedDocument.parse(text, Number.POSITIVE_INFINITY);
}

/**
 * The analysis of a document as the command line checks it: with the options' schema, limit and
 * host, and nothing remembered per element (no later version will ask).
 */
export function analysisForCheck(document: ParsedDocument, options: CheckOptions): Analysis {
  const limits = { maxProblems: options.maxProblems, maxFileSizeMB: Number.POSITIVE_INFINITY };
  return new Analysis(document, { limits, schema: options.schema, host: options.host, remembering: false, ...(options.hostChecks ? { hostChecks: options.hostChecks } : {}) });
}

/** The finding as printed, its offsets turned into lines and columns by `positionAt`. */
export function problemOf(
  file: string,
  finding: Pick<Finding, 'start' | 'end' | 'severity' | 'code' | 'message' | 'words' | 'beyondSchema' | 'related'>,
  positionAt: (offset: number) => Position,
): Problem {
  const problem: Problem = { file, ...lineColumns(finding.start, finding.end, positionAt), severity: SEVERITY[finding.severity], code: finding.code, message: finding.message };
  if (finding.words) problem.words = finding.words;
  if (finding.beyondSchema) problem.beyondSchema = true;
  if (finding.related) {
    problem.related = finding.related.map((related) => {
      const place: RelatedProblem = { ...lineColumns(related.start, related.end, positionAt), message: related.message };
      return related.words ? { ...place, words: related.words } : place;
    });
  }
  const rule = ruleByCode(finding.code);
  if (rule) {
    problem.help = helpIn(rule, 'en');
    if (typeof rule.help !== 'string') problem.helpWords = rule.help;
    problem.helpUri = ruleHelpUri(rule);
  }
  return problem;
}

/** 1-based lines and columns of [start, end). */
function lineColumns(start: number, end: number, positionAt: (offset: number) => Position): Pick<Problem, 'line' | 'column' | 'endLine' | 'endColumn'> {
  const from = positionAt(start);
  const to = positionAt(end);
  return { line: from.line + 1, column: from.character + 1, endLine: to.line + 1, endColumn: to.character + 1 };
}
