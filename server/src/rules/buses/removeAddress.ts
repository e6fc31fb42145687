/** An edit that removes a device's `<address>` element with its line, so that libvirt assigns one. */
import { Fix } from '../../finding';
import { DeviceAddress } from '../addresses';
import { Domain } from '../domain';

export function removeAddressFix(domain: Domain, address: DeviceAddress, title: string, safe: boolean): Fix {
  const span = domain.span(address.el);
  let start = span.from;
  let end = span.to;
  const text = domain.text;
  let lineStart = start;
  while (lineStart > 0 && (text[lineStart - 1] === ' ' || text[lineStart - 1] === '\t')) lineStart--;
  let lineEnd = end;
  while (lineEnd < text.length && (text[lineEnd] === ' ' || text[lineEnd] === '\t')) lineEnd++;
  // The element alone on its line: remove the line.
  if ((lineStart === 0 || text[lineStart - 1] === '\n') && (lineEnd === text.length || text[lineEnd] === '\n' || text[lineEnd] === '\r')) {
    start = lineStart;
    end = lineEnd;
    if (text[end] === '\r') end++;
    if (text[end] === '\n') end++;
  }
  return { title, start, end, newText: '', safe };
}
