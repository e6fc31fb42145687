/**
 * One document's problems as `domxml check` reports them: exactly the server's findings
 * (well-formedness, then the schema's), with 1-based lines and columns in UTF-16 code units.
 */
import { documentFindings } from '../features/diagnostics';
import { Severity } from '../finding';
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
}

export interface CheckOptions {
  /** Undefined: well-formedness only. */
  schema: Schema | undefined;
  /** Most problems per document, as libvirtXml.diagnostics.maxProblems. */
  maxProblems: number;
}

const SEVERITY: Record<Severity, ProblemSeverity> = {
  error: 'error',
  warning: 'warning',
  information: 'info',
  hint: 'hint',
};

export function checkText(file: string, text: string, options: CheckOptions): Problem[] {
  // No size limit: whoever runs the checker on a file asked for it to be checked.
  const document = ParsedDocument.parse(text, Number.POSITIVE_INFINITY);
  const limits = { maxProblems: options.maxProblems, maxFileSizeMB: Number.POSITIVE_INFINITY };
  return documentFindings(document, limits, options.schema).map((finding) => {
    const start = document.positionAt(finding.start);
    const end = document.positionAt(finding.end);
    return {
      file,
      line: start.line + 1,
      column: start.character + 1,
      endLine: end.line + 1,
      endColumn: end.character + 1,
      severity: SEVERITY[finding.severity],
      code: finding.code,
      message: finding.message,
    };
  });
}
