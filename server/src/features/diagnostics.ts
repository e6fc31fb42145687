/** Every finding for a document: what the server publishes (and the CLI will print). */
import { ParsedDocument } from '../parser/parsedDocument';
import { Finding } from '../finding';
import { checkWellFormedness } from './wellFormedness';

export interface DiagnosticLimits {
  maxProblems: number;
  maxFileSizeMB: number;
}

export function documentFindings(document: ParsedDocument, limits: DiagnosticLimits): Finding[] {
  if (!document.parsed) {
    const sizeMB = (document.text.length / 1048576).toFixed(1);
    return [
      {
        start: 0,
        end: 0,
        severity: 'information',
        code: 'file-too-large',
        message: `This file is ${sizeMB} MB, over the ${limits.maxFileSizeMB} MB set in libvirtXml.analysis.maxFileSizeMB: it is not checked.`,
      },
    ];
  }
  return checkWellFormedness(document.tree, limits.maxProblems);
}
