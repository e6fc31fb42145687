import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeEnumerated as enumeratedWords, describeMemoryAmount as memoryAmountWords, isMemoryAmount } from '../../server/src/features/valueMeaning';
import { Words, render } from '../../server/src/messages/words';
import { unitBytes } from '../../server/src/rules/units';

const english = (said: Words | string | undefined) => (said === undefined ? undefined : render(said, 'en'));
const describeMemoryAmount = (value: string, unit: string | undefined) => english(memoryAmountWords(value, unit));
const describeEnumerated = (value: string, allowed: readonly string[]) => english(enumeratedWords(value, allowed));

test('units as libvirt reads them: binary alone or with iB, decimal with B, any case', () => {
  assert.equal(unitBytes('b'), 1n);
  assert.equal(unitBytes('bytes'), 1n);
  assert.equal(unitBytes('k'), 1024n);
  assert.equal(unitBytes('KiB'), 1024n);
  assert.equal(unitBytes('KB'), 1000n);
  assert.equal(unitBytes('M'), 1024n ** 2n);
  assert.equal(unitBytes('MB'), 1000n ** 2n);
  assert.equal(unitBytes('GiB'), 1024n ** 3n);
  assert.equal(unitBytes('TB'), 1000n ** 4n);
  assert.equal(unitBytes('PB'), 1000n ** 5n);
  assert.equal(unitBytes('EiB'), 1024n ** 6n);
  assert.equal(unitBytes('gib'), 1024n ** 3n);
  assert.equal(unitBytes('X'), undefined);
  assert.equal(unitBytes('KiBs'), undefined);
});

test('memory amounts in words', () => {
  assert.equal(describeMemoryAmount('524288', 'KiB'), '524288 KiB = 512 MiB (536,870,912 bytes)');
  assert.equal(describeMemoryAmount('524288', undefined), '524288 KiB = 512 MiB (536,870,912 bytes); KiB is the default unit');
  assert.equal(describeMemoryAmount('1', 'G'), '1 G = 1 GiB (1,073,741,824 bytes)');
  assert.equal(describeMemoryAmount('4', 'GB'), '4 GB ≈ 3.73 GiB (4,000,000,000 bytes)');
  assert.equal(describeMemoryAmount('1500', 'MB'), '1500 MB = 1.5 GB ≈ 1.4 GiB (1,500,000,000 bytes); libvirt rounds it up to 1,464,844 KiB');
  assert.equal(describeMemoryAmount('1000', 'bytes'), '1000 bytes; libvirt rounds it up to 1 KiB');
  assert.equal(describeMemoryAmount('67108864', 'bytes'), '67108864 bytes = 64 MiB (67,108,864 bytes)');
  assert.equal(describeMemoryAmount('12x', 'KiB'), undefined);
  assert.equal(describeMemoryAmount('12', 'parsecs'), undefined);
});

test('memory amount places: KiB-default text and attributes', () => {
  assert.ok(isMemoryAmount(['domain', 'memory']));
  assert.ok(isMemoryAmount(['domain', 'memtune', 'swap_hard_limit']));
  assert.ok(isMemoryAmount(['domain', 'devices', 'memory', 'target', 'requested']));
  assert.ok(isMemoryAmount(['domain', 'memoryBacking', 'hugepages', 'page'], 'size'));
  assert.ok(isMemoryAmount(['domain', 'cpu', 'numa', 'cell'], 'memory'));
  assert.ok(!isMemoryAmount(['domain', 'devices', 'memory']), 'the memory device has no amount of its own');
  assert.ok(!isMemoryAmount(['domain', 'devices', 'shmem', 'size']), 'shmem sizes are not in KiB by default');
  assert.ok(!isMemoryAmount(['domain', 'memoryBacking', 'hugepages', 'page'], 'nodeset'));
});

test('enumerated values among the others', () => {
  assert.equal(describeEnumerated('static', ['static', 'auto']), '`static`: one of the allowed values (the other: `auto`).');
  assert.equal(describeEnumerated('a', ['a', 'b', 'c']), '`a`: one of the allowed values (the others: `b`, `c`).');
  assert.equal(describeEnumerated('x', ['a', 'b']), '`x` is not one of the allowed values: `a`, `b`.');
  assert.equal(describeEnumerated('only', ['only']), '`only`: the only allowed value.');
  assert.equal(describeEnumerated('free', []), undefined);
});
