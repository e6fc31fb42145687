/**
 * Findings of an earlier version of a document placed in the current one: each edit since moves
 * what comes after it, and drops what it touched (those are for the next check to say again).
 * The server shows libvirt's rules this way on large documents while they wait to run again.
 */
import { Finding, TextEdit } from '../finding';
import { Edit } from '../parser/incremental';

/** `findings` moved through `edits` (in the order they were applied); undefined spans are dropped. */
export function moveThroughEdits(findings: readonly Finding[], edits: readonly Edit[]): Finding[] {
  if (edits.length === 0) return [...findings];
  const moved: Finding[] = [];
  for (const finding of findings) {
    const span = moveSpan(finding, edits);
    if (!span) continue;
    const result: Finding = { ...finding, ...span };
    if (finding.related) result.related = finding.related.flatMap((related) => {
      const at = moveSpan(related, edits);
      return at ? [{ ...related, ...at }] : [];
    });
    if (finding.fixes) result.fixes = finding.fixes.flatMap((fix) => {
      const at = moveSpan(fix, edits);
      const also = fix.alsoEdits?.map((edit) => {
        const moved = moveSpan(edit, edits);
        return moved && { ...edit, ...moved };
      });
      if (!at || also?.some((edit) => !edit)) return [];
      return [also ? { ...fix, ...at, alsoEdits: also as TextEdit[] } : { ...fix, ...at }];
    });
    moved.push(result);
  }
  return moved;
}

function moveSpan(span: { start: number; end: number }, edits: readonly Edit[]): { start: number; end: number } | undefined {
  let { start, end } = span;
  for (const edit of edits) {
    if (end <= edit.start && !(start === end && start === edit.start)) continue;
    if (start >= edit.end) {
      const delta = edit.insertedLength - (edit.end - edit.start);
      start += delta;
      end += delta;
      continue;
    }
    return undefined;
  }
  return { start, end };
}
