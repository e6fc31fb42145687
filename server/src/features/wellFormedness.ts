/**
 * Well-formedness findings: what the parser noted on each node, references to entities the
 * DOCTYPE does not declare, and the document-level rules (one root, and it is `<domain>`). With
 * the document's memo, a keystroke looks again only at the elements the edit patched.
 */
import { DocumentNode, Problem } from '../parser/nodes';
import { NodeMemo } from '../parser/parsedDocument';
import { Finding } from '../finding';
import { LocalFindings, Summary, subtreeFindings } from './subtreeFindings';

/** A finding on a node; a reference to an entity stays a candidate until the DOCTYPE is known. */
type Noted = Finding & { entity?: string };

/** What the parser noted on each node, and where it refers to entities. */
const notedOn: LocalFindings<Noted> = (node, start) => {
  const noted: Noted[] = [];
  const add = (problems: Problem[] | undefined, base: number): void => {
    for (const problem of problems ?? []) noted.push({ start: base + problem.start, end: base + problem.end, severity: 'error', code: problem.code, message: problem.message });
  };
  add(node.problems, start);
  if (node.kind === 'element') add(node.endTagProblems, start + node.endTagOffset);
  for (const reference of node.entityReferences ?? []) {
    const at = start + reference.start;
    noted.push({
      start: at,
      end: at + reference.name.length + 2,
      severity: 'error',
      code: 'undefined-entity',
      message: `The entity \`&${reference.name};\` is not defined. Only &lt; &gt; &amp; &quot; &apos; exist unless the DOCTYPE declares more.`,
      entity: reference.name,
    });
  }
  return noted;
};

const shiftNoted = (noted: Noted, by: number): Noted => ({ ...noted, start: noted.start + by, end: noted.end + by });

/** Per-element memo of what the parser noted in each subtree (`ParsedDocument.memo(WELL_FORMEDNESS)`). */
export const WELL_FORMEDNESS = {};

export function checkWellFormedness(tree: DocumentNode, maxFindings = Number.POSITIVE_INFINITY, memo?: NodeMemo<Summary<Noted>>): Finding[] {
  const declared = new Set<string>();
  for (const child of tree.children) {
    if (child.kind === 'doctype') for (const name of child.declaredEntities) declared.add(name);
  }
  const findings: Finding[] = [];
  // References to declared entities drop out here: with any declared, gather all to fill the cap.
  for (const { entity, ...finding } of subtreeFindings(tree, memo, notedOn, shiftNoted, declared.size === 0 ? maxFindings : undefined)) {
    if (findings.length >= maxFindings) break;
    if (entity === undefined || !declared.has(entity)) findings.push(finding);
  }
  checkDocumentStructure(tree, findings);
  return findings.length > maxFindings ? findings.slice(0, maxFindings) : findings;
}

function checkDocumentStructure(tree: DocumentNode, findings: Finding[]): void {
  let root: { name: string; start: number } | undefined;
  for (const child of tree.children) {
    const start = child.offset;
    if (child.kind === 'element') {
      if (!root) {
        root = { name: child.name, start };
        if (child.name !== 'domain') {
          findings.push({
            start: start + 1,
            end: start + 1 + child.name.length,
            severity: 'error',
            code: 'root-not-domain',
            message: `The root element is \`<${child.name}>\`; a libvirt domain definition has \`<domain>\` as its root.`,
          });
        }
      } else {
        findings.push({
          start: start + 1,
          end: start + 1 + child.name.length,
          severity: 'error',
          code: 'extra-root-element',
          message: `Only one root element is allowed: \`<${child.name}>\` comes after the root \`<${root.name}>\` has ended.`,
        });
      }
    } else if (child.kind === 'text' || child.kind === 'cdata') {
      findings.push({
        start,
        end: start + child.length,
        severity: 'error',
        code: 'text-outside-root',
        message: root
          ? `Text is not allowed after the root element \`<${root.name}>\` has ended.`
          : 'Text is not allowed before the root element.',
      });
    } else if (child.kind === 'doctype' && root) {
      findings.push({ start, end: start + 9, severity: 'error', code: 'misplaced-doctype', message: 'The DOCTYPE must come before the root element.' });
    }
  }
  if (!root) {
    findings.push({
      start: 0,
      end: 0,
      severity: 'error',
      code: 'missing-root',
      message: "The document has no root element: a domain definition starts with `<domain type='kvm'>`.",
    });
  }
}
