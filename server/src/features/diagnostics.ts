/**
 * Every finding for a document: what the server publishes and the CLI prints. Two parts, each
 * computed once per analysis: the checks that re-use what they found for the elements edits have
 * not touched (well-formedness, the schema, cpuset/nodeset values), and libvirt's rules, which
 * read the whole domain; the server may run the second less often on large documents.
 */
import { Finding } from '../finding';
import { render, words } from '../messages/words';
import { runHostRules, runRules } from '../rules';
import { validateTree } from '../schema/validate';
import { Analysis } from './analysis';
import { checkDocumentSets } from './cpuset/documentSets';
import { setAttributeKeysOf } from './cpuset/setAttributes';
import { withGeneratedValues } from './generatedValues';
import { WELL_FORMEDNESS, checkWellFormedness } from './wellFormedness';

/** All findings, in document order and capped at maxProblems. */
export function documentFindings(analysis: Analysis): Finding[] {
  return analysis.derived(allFindings);
}

function allFindings(analysis: Analysis): Finding[] {
  return mergeFindings(incrementalFindings(analysis), ruleFindings(analysis), analysis.context.limits.maxProblems);
}

/** Findings of both parts in document order, capped. */
export function mergeFindings(some: readonly Finding[], others: readonly Finding[], maxProblems: number): Finding[] {
  return [...some, ...others].sort(inDocumentOrder).slice(0, maxProblems);
}

/** Well-formedness, then (with a schema) the schema's and the cpuset/nodeset values'. */
export function incrementalFindings(analysis: Analysis): Finding[] {
  return analysis.derived(incrementalFindingsOf);
}

function incrementalFindingsOf(analysis: Analysis): Finding[] {
  const { document, schema, host } = analysis;
  const limits = analysis.context.limits;
  if (!document.parsed) {
    const said = words('server.fileTooLarge', { size: (document.length / 1048576).toFixed(1), limit: limits.maxFileSizeMB });
    return [{ start: 0, end: 0, severity: 'information', code: 'file-too-large', message: render(said, 'en'), words: said }];
  }
  const findings = checkWellFormedness(document.tree, limits.maxProblems, analysis.memos?.memo(WELL_FORMEDNESS), document.source);
  if (schema && findings.length < limits.maxProblems) {
    const valid = validateTree(schema.derivatives, schema.datatypes, document.source, document.tree, limits.maxProblems - findings.length, analysis.memo);
    const sets = checkDocumentSets(document.source, document.tree, setAttributeKeysOf(schema), host, analysis.memos);
    // Where the set check says what is wrong with a list, the schema's "must be a CPU list" is noise.
    const setErrors = sets.filter((f) => f.severity === 'error');
    const explained = (f: Finding) => f.code === 'bad-attribute-value' && setErrors.some((e) => e.start >= f.start && e.end <= f.end);
    findings.push(...withGeneratedValues(valid.filter((f) => !explained(f)), document.source, document.tree), ...sets);
  }
  return findings;
}

/** libvirt's rules over the domain (with a schema, as the checks beyond well-formedness). */
export function ruleFindings(analysis: Analysis): Finding[] {
  return analysis.derived(ruleFindingsOf);
}

function ruleFindingsOf(analysis: Analysis): Finding[] {
  const domain = analysis.document.parsed && analysis.schema ? analysis.domain : undefined;
  if (!domain) return [];
  const checks = analysis.context.hostChecks;
  return checks ? [...runRules(domain), ...runHostRules(domain, checks).findings] : runRules(domain);
}

export function inDocumentOrder(a: Finding, b: Finding): number {
  return a.start - b.start || a.end - b.end || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
}
