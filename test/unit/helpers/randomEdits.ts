/** Random edits for the differential tests: replayable from a seed, biased towards markup. */

/** A small deterministic PRNG so a failure can be replayed from its seed. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SNIPPETS = [
  '<', '>', '/>', '"', "'", '=', '&', '&amp;', '&foo;', ' ', '\n', '\r\n', '    ', 'x', 'disk', 'type',
  '<disk>', '</disk>', '<disk type="file">', '</devices>', '</domain>', '<domain>', '<!--', '-->', '<![CDATA[',
  ']]>', '<?', '?>', '<?xml version="1.0"?>', '<!DOCTYPE domain [<!ENTITY foo "x">]>', '</', '<a/>', '<a>', '</a>',
  '\u0000', '\ud800', '<vcpu placement="sta', '\n  <interface/>', '\n<x>\n  <y>\n  <z/>\n</x>',
  '<name>x</name>', " type='network'", 'static', ' unit="MiB"', '<target dev="vdb"/>', '<source/>',
];

export function randomEdit(text: string, next: () => number): { start: number; end: number; inserted: string } {
  const start = Math.floor(next() * (text.length + 1));
  const roll = next();
  const end = roll < 0.4 ? start : Math.min(text.length, start + Math.floor(next() * (roll < 0.9 ? 6 : 60)));
  const inserted = roll < 0.75 ? SNIPPETS[Math.floor(next() * SNIPPETS.length)] : '';
  return { start, end, inserted };
}

