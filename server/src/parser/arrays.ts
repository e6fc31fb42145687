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

/** Index of the last element of `sorted` (ascending, its first element at most `value`) not greater than `value`. */
export function lastAtMost(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (sorted[middle] <= value) low = middle;
    else high = middle - 1;
  }
  return low;
}
