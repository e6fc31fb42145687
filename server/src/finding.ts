/** What a check reports: plain offsets and words; the LSP layer turns it into a Diagnostic. */
export type Severity = 'error' | 'warning' | 'information' | 'hint';

export interface Finding {
  start: number;
  end: number;
  severity: Severity;
  code: string;
  message: string;
}
