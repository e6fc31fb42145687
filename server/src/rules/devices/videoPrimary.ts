/**
 * One primary video device: libvirt moves the `<video>` whose model says primary='yes' to the
 * front and refuses a second such one.
 */
import { words } from '../../messages/words';
import { Rule } from '../rule';

export const videoPrimaryRule: Rule = {
  code: 'video-second-primary',
  libvirt: 'virDomainDefVideoValidate (src/conf/domain_validate.c)',
  stage: 'define',
  driver: 'any',
  onlyWith: ['video'],
  libvirtMessages: ['Only one primary video device is supported'],
  help: words('rules.help.video-second-primary'),
  docsAnchor: 'video-devices',
  check(domain, report) {
    let first: ReturnType<typeof domain.attr>;
    for (const video of domain.devicesNamed('video')) {
      const model = domain.child(video, 'model');
      const primary = model && domain.attr(model, 'primary');
      if (!primary || primary.value.trim() !== 'yes') continue;
      if (!first) first = primary;
      else report(primary, words('rules.video-second-primary.second'), { related: [{ ...first, message: words('rules.video-second-primary.first') }] });
    }
  },
};
