/**
 * One primary video device: libvirt moves the `<video>` whose model says primary='yes' to the
 * front and refuses a second such one.
 */
import { Rule } from '../rule';

export const videoPrimaryRule: Rule = {
  code: 'video-second-primary',
  libvirt: 'virDomainDefVideoValidate (src/conf/domain_validate.c)',
  stage: 'define',
  driver: 'any',
  libvirtMessages: ['Only one primary video device is supported'],
  help:
    "A domain has one primary display adapter: the `<video>` whose `<model primary='yes'>` is set, or else the first `<video>`. " +
    "libvirt refuses a second `primary='yes'`. Keep it on the adapter the guest should boot with and remove it from the others.",
  docsAnchor: 'video-devices',
  check(domain, report) {
    let first: ReturnType<typeof domain.attr>;
    for (const video of domain.devicesNamed('video')) {
      const model = domain.child(video, 'model');
      const primary = model && domain.attr(model, 'primary');
      if (!primary || primary.value.trim() !== 'yes') continue;
      if (!first) first = primary;
      else report(primary, "A second `<video>` is marked primary='yes'", { related: [{ ...first, message: "The first `<video>` marked primary='yes'" }] });
    }
  },
};
