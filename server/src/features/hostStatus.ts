/**
 * What can be said about the libvirt host a document is checked against, where the reader looks
 * for it: on the root element's name, the host and which of its checks ran; and the notes on
 * those that could not (the driver has no domcapabilities, they are being read, libvirt
 * refused them). The server logs each note once; the CLI prints them.
 */
import { Words, render, words } from '../messages/words';
import { HostView, hostNotes, hostView } from '../rules/host/facts';
import { Analysis } from './analysis';

export interface HostStatus {
  /** What was checked, or why nothing was. */
  status: Words;
  /** What could not be checked, and why. */
  notes: Words[];
  view: HostView | undefined;
}

/** The status of the document's host checks, once per version; undefined without a connection. */
export function hostStatusOf(analysis: Analysis): HostStatus | undefined {
  return analysis.derived(computeHostStatus);
}

function computeHostStatus(analysis: Analysis): HostStatus | undefined {
  const { hostChecks, hostStatus } = analysis.context;
  if (!hostChecks) return hostStatus && { status: hostStatus, notes: [], view: undefined };
  const domain = analysis.document.parsed ? analysis.domain : undefined;
  const view = domain && hostView(domain, hostChecks);
  const label = view?.label ?? hostChecks.host.uri;
  return {
    status: words(view?.domainCapabilities ? 'host.note.checkedAll' : 'host.note.checked', { host: label }),
    notes: view ? hostNotes(view) : [],
    view,
  };
}

/** The hover on the root element's name: the host, what was checked against it and what could not be. */
export function hostStatusHover(analysis: Analysis, offset: number, language: 'en' | 'zh'): { markdown: string; start: number; end: number } | undefined {
  const status = hostStatusOf(analysis);
  const root = analysis.tree.children.find((child) => child.kind === 'element');
  if (!status || !root || root.kind !== 'element') return undefined;
  const start = root.offset + 1;
  const end = start + root.name.length;
  if (offset < start || offset > end) return undefined;
  const lines = [words('host.hover.title', { status: status.status }), ...status.notes];
  return { markdown: lines.map((line) => render(line, language)).join('\n\n'), start, end };
}
