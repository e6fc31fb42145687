import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RestartPolicy } from '../../client/src/restartPolicy';

test('delays double per recent crash, up to the cap', () => {
  const policy = new RestartPolicy(10, 60_000, 500, 3_000);
  const delays = [0, 1, 2, 3, 4].map((i) => policy.onCrash(i * 100));
  assert.deepEqual(delays, [
    { restart: true, delayMs: 500 },
    { restart: true, delayMs: 1_000 },
    { restart: true, delayMs: 2_000 },
    { restart: true, delayMs: 3_000 },
    { restart: true, delayMs: 3_000 },
  ]);
});

test('gives up after maxRestarts crashes within the window', () => {
  const policy = new RestartPolicy(3, 60_000);
  assert.equal(policy.onCrash(0).restart, true);
  assert.equal(policy.onCrash(1_000).restart, true);
  assert.equal(policy.onCrash(2_000).restart, true);
  assert.deepEqual(policy.onCrash(3_000), { restart: false });
  assert.deepEqual(policy.onCrash(4_000), { restart: false });
});

test('crashes older than the window no longer count', () => {
  const policy = new RestartPolicy(2, 60_000, 500);
  policy.onCrash(0);
  policy.onCrash(10_000);
  assert.deepEqual(policy.onCrash(20_000), { restart: false });
  // At 65 s the crash at 0 s has left the window; the one at 10 s has not.
  assert.deepEqual(policy.onCrash(65_000), { restart: true, delayMs: 1_000 });
  // Long after every crash, the server is treated as healthy again.
  assert.deepEqual(policy.onCrash(500_000), { restart: true, delayMs: 500 });
});

test('reset forgets the crash history', () => {
  const policy = new RestartPolicy(1, 60_000, 500);
  policy.onCrash(0);
  assert.deepEqual(policy.onCrash(1), { restart: false });
  policy.reset();
  assert.deepEqual(policy.onCrash(2), { restart: true, delayMs: 500 });
});
