/** Every finding for a document: what the server publishes and the CLI prints. */
import { Finding } from '../finding';
import { validateTree } from '../schema/validate';
import { Analysis } from './analysis';
import { checkDocumentSets } from './cpuset/documentSets';
import { setAttributeKeysOf } from './cpuset/setAttributes';
import { WELL_FORMEDNESS, checkWellFormedness } from './wellFormedness';
import { runRules } from '../rules';

/**
 * Well-formedness findings, then the schema's, in document order and capped at maxProblems.
 * Validation re-uses what it found for elements that edits have not touched since.
 */
export function documentFindings(analysis: Analysis): Finding[] {
  return analysis.derived(findingsOf);
}

function findingsOf(analysis: Analysis): Finding[] {
  const { document, schema, host } = analysis;
  const limits = analysis.context.limits;
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
  const findings = checkWellFormedness(document.tree, limits.maxProblems, document.memo(WELL_FORMEDNESS));
  if (schema && findings.length < limits.maxProblems) {
    const valid = validateTree(schema.derivatives, schema.datatypes, document.text, document.tree, limits.maxProblems - findings.length, analysis.memo);
    const sets = checkDocumentSets(document.text, document.tree, setAttributeKeysOf(schema), host, document);
    // Where the set check says what is wrong with a list, the schema's "must be a CPU list" is noise.
    const setErrors = sets.filter((f) => f.severity === 'error');
    const explained = (f: Finding) => f.code === 'bad-attribute-value' && setErrors.some((e) => e.start >= f.start && e.end <= f.end);
    findings.push(...valid.filter((f) => !explained(f)), ...sets);
    const domain = analysis.domain;
    if (domain) findings.push(...runRules(domain));
  }
  return findings.sort(inDocumentOrder).slice(0, limits.maxProblems);
}

export function inDocumentOrder(a: Finding, b: Finding): number {
  return a.start - b.start || a.end - b.end || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
}
