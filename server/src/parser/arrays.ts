/**
 * `array.splice(start, deleteCount, ...items)` without spreading `items` into arguments, which
 * overflows the stack for large inserts (a pasted file, a re-parsed 100,000-child element).
 */
export function replaceRange<T>(array: T[], start: number, deleteCount: number, items: readonly T[]): void {
  if (items.length <= 1024) {
    array.splice(start, deleteCount, ...items);
    return;
  }
  const tail = array.slice(start + deleteCount);
  array.length = start;
  for (const item of items) array.push(item);
  for (const item of tail) array.push(item);
}
