import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { videoPrimaryRule } from '../../server/src/rules/devices/videoPrimary';
import { expectRule, kvmDomain } from './helpers/rules';

describe('rules: devices', () => {
  it('video-second-primary: a second primary video is flagged on its primary attribute, the first linked', () => {
    const [finding] = expectRule(
      videoPrimaryRule,
      kvmDomain(`<video><model type='vga' primary='yes'/></video>
    <video><model type='qxl' primary='⟦yes⟧'/></video>`),
    );
    assert.equal(finding.related?.length, 1);
    assert.match(finding.message, /libvirt rejects the domain\.$/);
  });

  it('video-second-primary near miss: one primary among several videos', () => {
    expectRule(videoPrimaryRule, kvmDomain(`<video><model type='vga' primary='yes'/></video>
    <video><model type='qxl' primary='no'/></video>`));
  });
});
