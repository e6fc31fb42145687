import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CRASH_LIMITS, RestartPolicy } from '../../client/src/restartPolicy';

const MINUTE = 60_000;

test('delays double per remembered crash, up to the cap', () => {
  const policy = new RestartPolicy([{ maxRestarts: 10, windowMs: MINUTE }], 500, 3_000);
  const delays = [0, 1, 2, 3, 4].map((i) => policy.onCrash(i * 100));
  assert.deepEqual(delays, [
    { restart: true, delayMs: 500 },
    { restart: true, delayMs: 1_000 },
    { restart: true, delayMs: 2_000 },
    { restart: true, delayMs: 3_000 },
    { restart: true, delayMs: 3_000 },
  ]);
});

test('gives up after maxRestarts crashes within the window, and says how many in how long', () => {
  const policy = new RestartPolicy([{ maxRestarts: 3, windowMs: MINUTE }]);
  assert.equal(policy.onCrash(0).restart, true);
  assert.equal(policy.onCrash(1_000).restart, true);
  assert.equal(policy.onCrash(2_000).restart, true);
  assert.deepEqual(policy.onCrash(3_000), { restart: false, crashes: 4, windowMs: MINUTE });
  assert.deepEqual(policy.onCrash(4_000), { restart: false, crashes: 4, windowMs: MINUTE });
});

test('crashes older than every window no longer count', () => {
  const policy = new RestartPolicy([{ maxRestarts: 2, windowMs: MINUTE }], 500);
  policy.onCrash(0);
  policy.onCrash(10_000);
  assert.deepEqual(policy.onCrash(20_000), { restart: false, crashes: 3, windowMs: MINUTE });
  // At 65 s the crash at 0 s has left the window; the one at 10 s has not.
  assert.deepEqual(policy.onCrash(65_000), { restart: true, delayMs: 1_000 });
  // Long after every crash, the server is treated as healthy again.
  assert.deepEqual(policy.onCrash(500_000), { restart: true, delayMs: 500 });
});

test('issue 11: crashes 4 minutes apart, which no 3-minute window sees, give up within the day', () => {
  const policy = new RestartPolicy();
  const decisions = Array.from({ length: 12 }, (_, i) => policy.onCrash(i * 4 * MINUTE));
  const restarts = decisions.filter((d) => d.restart);
  assert.equal(restarts.length, 10);
  assert.deepEqual(decisions[10], { restart: false, crashes: 11, windowMs: CRASH_LIMITS[1].windowMs });
  // The delays back off to the cap meanwhile.
  assert.deepEqual(restarts.slice(-3), [{ restart: true, delayMs: 10_000 }, { restart: true, delayMs: 10_000 }, { restart: true, delayMs: 10_000 }]);
  // A day of quiet later, it restarts again.
  assert.deepEqual(policy.onCrash(12 * 4 * MINUTE + 24 * 60 * MINUTE), { restart: true, delayMs: 500 });
});

test('a burst of crashes still gives up within minutes', () => {
  const policy = new RestartPolicy();
  for (let i = 0; i < 5; i++) assert.equal(policy.onCrash(i * 1_000).restart, true);
  assert.deepEqual(policy.onCrash(5_000), { restart: false, crashes: 6, windowMs: 3 * MINUTE });
});

test('reset forgets the crash history', () => {
  const policy = new RestartPolicy([{ maxRestarts: 1, windowMs: MINUTE }], 500);
  policy.onCrash(0);
  assert.deepEqual(policy.onCrash(1), { restart: false, crashes: 2, windowMs: MINUTE });
  policy.reset();
  assert.deepEqual(policy.onCrash(2), { restart: true, delayMs: 500 });
});
