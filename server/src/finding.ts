/** What a check reports: plain offsets and words; the LSP layer turns it into a Diagnostic. */
export type Severity = 'error' | 'warning' | 'information' | 'hint';

export interface Finding {
  start: number;
  end: number;
  severity: Severity;
  code: string;
  message: string;
  /** Edits that resolve it, offered as quick fixes. */
  fixes?: Fix[];
  /** libvirt's schema accepts what this is about; libvirt's own parser, or the guest's start, does not. */
  beyondSchema?: true;
  /** Other places the finding is about: the first device on the same address, the element that conflicts. */
  related?: Related[];
}

export interface Related {
  start: number;
  end: number;
  message: string;
}

/** Replace text[start, end) with `newText`. */
export interface Fix {
  title: string;
  start: number;
  end: number;
  newText: string;
  /** Keeps what the user meant without a judgement call, so "fix all" may apply it unasked. */
  safe: boolean;
}
