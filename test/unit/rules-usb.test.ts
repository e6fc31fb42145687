import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { ParsedDocument } from '../../server/src/parser/parsedDocument';
import { Domain } from '../../server/src/rules/domain';
import { usbRules } from '../../server/src/rules/usb';
import {
  dbusP2pAddressRule,
  eglHeadlessPairingRule,
  eglHeadlessSpiceGlRule,
  graphicsListenRule,
  vncPasswordLengthRule,
} from '../../server/src/rules/usb/graphics';
import { inputBusRule, inputPs2DisabledRule, inputVirtioTransitionalRule } from '../../server/src/rules/usb/inputs';
import { usbAddressDuplicateRule, usbBusMissingRule, usbControllerIndexRule, usbPortRangeRule } from '../../server/src/rules/usb/usbAddresses';
import { usbCompanionMasterRule, usbPortsModelRule, usbQusbRule, usbXhciPortsRule } from '../../server/src/rules/usb/usbControllerModel';
import { usbNoMasterRule, usbNoneAddressRule, usbNoneInputRule, usbNoneOtherControllerRule, usbNoneRedirdevRule } from '../../server/src/rules/usb/usbDisabled';
import { parsePortPath, usbTopology } from '../../server/src/rules/usb/usbTopology';
import { expectRule, kvmDomain, ruleFindings } from './helpers/rules';

const i440fx = { machine: 'pc-i440fx-9.0' };

describe('rules: usb', () => {
  describe('USB disabled', () => {
    it("usb-none-second-controller: a USB controller beside model='none' is flagged, the none controller linked", () => {
      const [finding] = expectRule(
        usbNoneOtherControllerRule,
        kvmDomain(`<controller type='usb' index='0' model='none'/>
    <⟦controller⟧ type='usb' index='0'/>
    <controller type='usb' index='1' model='⟦qemu-xhci⟧'/>`),
      );
      assert.equal(finding.related?.length, 1);
      assert.match(finding.related?.[0].message ?? '', /disabled/);
    });

    it("usb-none-second-controller: a 'none' controller after another USB controller, and a second 'none'", () => {
      expectRule(
        usbNoneOtherControllerRule,
        kvmDomain(`<controller type='usb' index='0' model='qemu-xhci'/>
    <controller type='usb' index='1' model='⟦none⟧'/>`),
      );
      expectRule(
        usbNoneOtherControllerRule,
        kvmDomain(`<controller type='usb' index='0' model='none'/>
    <controller type='usb' index='1' model='⟦none⟧'/>`),
      );
    });

    it('usb-none-second-controller near miss: one none controller, other controller types beside it', () => {
      expectRule(usbNoneOtherControllerRule, kvmDomain(`<controller type='usb' index='0' model='none'/>
    <controller type='pci' index='0' model='pcie-root'/>
    <controller type='sata' index='0'/>`));
    });

    it('usb-companion-without-master: only companion controllers', () => {
      expectRule(
        usbNoMasterRule,
        kvmDomain(`<controller type='usb' index='0' model='ich9-uhci2'>
      <⟦master⟧ startport='2'/>
    </controller>`, i440fx),
      );
    });

    it('usb-companion-without-master near miss: the ich9-ehci1 master with its companions', () => {
      expectRule(
        usbNoMasterRule,
        kvmDomain(`<controller type='usb' index='0' model='ich9-ehci1'/>
    <controller type='usb' index='0' model='ich9-uhci1'><master startport='0'/></controller>
    <controller type='usb' index='0' model='ich9-uhci2'><master startport='2'/></controller>`),
      );
    });

    it("usb-none-usb-input: a USB tablet with model='none'", () => {
      const [finding] = expectRule(
        usbNoneInputRule,
        kvmDomain(`<controller type='usb' model='none'/>
    <input type='tablet' bus='⟦usb⟧'/>
    <input type='keyboard' bus='virtio'/>`),
      );
      assert.equal(finding.related?.length, 1);
    });

    it('usb-none-usb-input near miss: a USB tablet with a USB controller', () => {
      expectRule(usbNoneInputRule, kvmDomain(`<controller type='usb' model='qemu-xhci'/>
    <input type='tablet' bus='usb'/>`));
    });

    it("usb-none-redirdev: a USB redirection with model='none'", () => {
      expectRule(
        usbNoneRedirdevRule,
        kvmDomain(`<controller type='usb' model='none'/>
    <redirdev bus='⟦usb⟧' type='spicevmc'/>`),
      );
    });

    it('usb-none-redirdev near miss: a USB redirection with a USB controller', () => {
      expectRule(usbNoneRedirdevRule, kvmDomain(`<controller type='usb' model='qemu-xhci'/>
    <redirdev bus='usb' type='spicevmc'/>`));
    });

    it("usb-none-usb-devices: USB devices with model='none'; the USB address or the device is marked", () => {
      expectRule(
        usbNoneAddressRule,
        kvmDomain(`<controller type='usb' model='none'/>
    <⟦hub⟧ type='usb'/>
    <disk type='file' device='disk'>
      <source file='/var/lib/libvirt/images/stick.img'/>
      <target dev='sda' bus='usb'/>
      <address type='⟦usb⟧' bus='0' port='1'/>
    </disk>
    <input type='tablet' bus='usb'/>`),
      );
    });

    it('usb-none-usb-devices: a USB tablet on an ARM virt machine with no USB controller', () => {
      const [finding] = expectRule(usbNoneAddressRule, kvmDomain(`<⟦input⟧ type='tablet' bus='usb'/>`, { arch: 'aarch64', machine: 'virt' }));
      assert.match(finding.related?.[0].message ?? '', /no USB controller/);
    });

    it('usb-none-usb-devices near miss: x86 machines get a USB controller of their own; ARM virt with one written', () => {
      expectRule(usbNoneAddressRule, kvmDomain(`<input type='tablet' bus='usb'/>`, i440fx));
      expectRule(usbNoneAddressRule, kvmDomain(`<controller type='usb' model='qemu-xhci'/>
    <input type='tablet' bus='usb'/>`, { arch: 'aarch64', machine: 'virt' }));
      expectRule(usbNoneAddressRule, kvmDomain(`<controller type='usb' model='none'/>
    <disk type='file' device='disk'><source file='/a.img'/><target dev='vda' bus='virtio'/></disk>`));
    });
  });

  describe('USB controller models', () => {
    it('usb-xhci-too-many-ports: qemu-xhci with 16 ports', () => {
      const [finding] = expectRule(usbXhciPortsRule, kvmDomain(`<controller type='usb' model='qemu-xhci' ports='⟦16⟧'/>`));
      assert.equal(finding.fixes?.[0].newText, '15');
    });

    it('usb-xhci-too-many-ports near miss: 15 ports', () => {
      expectRule(usbXhciPortsRule, kvmDomain(`<controller type='usb' model='nec-xhci' ports='15'/>`));
    });

    it('usb-qusb-model: qusb2 under QEMU', () => {
      expectRule(usbQusbRule, kvmDomain(`<controller type='usb' model='⟦qusb2⟧'/>`));
    });

    it('usb-qusb-model near miss: qemu-xhci; and qusb under another driver', () => {
      expectRule(usbQusbRule, kvmDomain(`<controller type='usb' model='qemu-xhci'/>`));
      expectRule(usbQusbRule, kvmDomain(`<controller type='usb' model='qusb2'/>`).replace("type='kvm'", "type='xen'"));
    });
    it("usb-ports-unsupported-model: ports on piix3-uhci and on a model-less controller of a PC machine", () => {
      expectRule(
        usbPortsModelRule,
        kvmDomain(`<controller type='usb' index='0' model='piix3-uhci' ports='⟦4⟧'/>
    <controller type='usb' index='1' ports='⟦4⟧'/>`, i440fx),
      );
    });

    it('usb-ports-unsupported-model near miss: ports on qemu-xhci; a model-less controller where the default depends on QEMU', () => {
      expectRule(usbPortsModelRule, kvmDomain(`<controller type='usb' model='qemu-xhci' ports='8'/>`));
      expectRule(usbPortsModelRule, kvmDomain(`<controller type='usb' ports='8'/>`, { arch: 'aarch64', machine: 'virt' }));
    });

    it('usb-companion-master-missing: a companion on an index without its master', () => {
      expectRule(
        usbCompanionMasterRule,
        kvmDomain(`<controller type='usb' index='0' model='ich9-ehci1'/>
    <controller type='usb' index='⟦1⟧' model='ich9-uhci1'><master startport='0'/></controller>`),
      );
    });

    it('usb-companion-master-missing near miss: the companion shares its master\'s index', () => {
      expectRule(usbCompanionMasterRule, kvmDomain(`<controller type='usb' index='1' model='ich9-ehci1'/>
    <controller type='usb' index='1' model='ich9-uhci1'><master startport='0'/></controller>`));
    });

    it('usb-controller-index-duplicate: two controllers with ports on one index, the first linked', () => {
      const [finding] = expectRule(
        usbControllerIndexRule,
        kvmDomain(`<controller type='usb' index='0' model='qemu-xhci'/>
    <controller type='usb' index='⟦0⟧' model='ich9-ehci1'/>`),
      );
      assert.equal(finding.related?.length, 1);
    });

    it('usb-controller-index-duplicate near miss: companions share the index of their EHCI master; controllers without index are numbered', () => {
      expectRule(usbControllerIndexRule, kvmDomain(`<controller type='usb' index='0' model='ich9-ehci1'/>
    <controller type='usb' index='0' model='ich9-uhci1'><master startport='0'/></controller>`));
      expectRule(usbControllerIndexRule, kvmDomain(`<controller type='usb' model='qemu-xhci'/>
    <controller type='usb' model='ich9-ehci1'/>
    <controller type='usb' model='ich9-uhci1'/>`));
      expectRule(usbControllerIndexRule, kvmDomain(`<controller type='usb' model='qemu-xhci'/>
    <controller type='usb' model='nec-xhci'/>`));
    });
  });

  describe('USB addresses', () => {
    it('reads port paths as libvirt does', () => {
      assert.deepEqual(parsePortPath('1.2.3'), [1, 2, 3]);
      assert.deepEqual(parsePortPath('4'), [4]);
      assert.equal(parsePortPath('1.2.3.4.5'), undefined);
      assert.equal(parsePortPath('x'), undefined);
    });

    it('computes the topology once per document version', () => {
      const text = kvmDomain(`<controller type='usb' model='qemu-xhci'/>`);
      const domain = Domain.of(text, ParsedDocument.parse(text).tree);
      assert.ok(domain);
      assert.equal(usbTopology(domain), usbTopology(domain));
    });

    it('usb-bus-missing: a device on a bus no USB controller provides', () => {
      expectRule(
        usbBusMissingRule,
        kvmDomain(`<controller type='usb' index='0' model='qemu-xhci'/>
    <input type='tablet' bus='usb'>
      <address type='usb' bus='⟦1⟧' port='1'/>
    </input>`),
      );
    });

    it('usb-bus-missing near miss: bus 1 exists; bus 0 with no controller written is the one libvirt adds, or unknown', () => {
      expectRule(
        usbBusMissingRule,
        kvmDomain(`<controller type='usb' index='0' model='qemu-xhci'/>
    <controller type='usb' index='1' model='qemu-xhci'/>
    <input type='tablet' bus='usb'><address type='usb' bus='1' port='1'/></input>`),
      );
      expectRule(
        usbBusMissingRule,
        kvmDomain(`<controller type='usb' index='1' model='qemu-xhci'/>
    <input type='tablet' bus='usb'><address type='usb' bus='0' port='1'/></input>`),
      );
      expectRule(usbBusMissingRule, kvmDomain(`<input type='tablet' bus='usb'><address type='usb' bus='0' port='1'/></input>`, { arch: 'ppc64', machine: 'pseries' }));
    });

    it('usb-port-out-of-range: beyond a hub, beyond the default piix3-uhci, behind a port without a hub', () => {
      const findings = expectRule(
        usbPortRangeRule,
        kvmDomain(`<controller type='usb' index='0'/>
    <hub type='usb'><address type='usb' bus='0' port='1'/></hub>
    <hub type='usb'><address type='usb' bus='0' port='⟦1.9⟧'/></hub>
    <input type='mouse' bus='usb'><address type='usb' bus='0' port='⟦4⟧'/></input>
    <input type='tablet' bus='usb'><address type='usb' bus='0' port='⟦2.1⟧'/></input>`, i440fx),
      );
      assert.match(findings[0].message, /hub at port 1 has 8 ports/);
      assert.match(findings[1].message, /piix3-uhci controller of bus 0 has 2 ports/);
      assert.match(findings[2].message, /no `<hub>`/);
    });

    it('usb-port-out-of-range: the controller libvirt adds itself, piix3-uhci on i440fx and qemu-xhci on q35', () => {
      const [finding] = expectRule(usbPortRangeRule, kvmDomain(`<input type='tablet' bus='usb'><address type='usb' bus='0' port='⟦3⟧'/></input>`, i440fx));
      assert.match(finding.message, /piix3-uhci controller libvirt adds as bus 0 has 2 ports/);
      expectRule(usbPortRangeRule, kvmDomain(`<input type='tablet' bus='usb'><address type='usb' bus='0' port='⟦5⟧'/></input>`));
      expectRule(usbPortRangeRule, kvmDomain(`<input type='tablet' bus='usb'><address type='usb' bus='0' port='4'/></input>`));
    });

    it('usb-port-out-of-range near miss: ports that exist; a model-less controller off x86 has an unknown port count', () => {
      expectRule(
        usbPortRangeRule,
        kvmDomain(`<controller type='usb' index='0' model='qemu-xhci' ports='8'/>
    <hub type='usb'><address type='usb' bus='0' port='8'/></hub>
    <input type='tablet' bus='usb'><address type='usb' bus='0' port='8.8'/></input>`),
      );
      expectRule(
        usbPortRangeRule,
        kvmDomain(`<controller type='usb' index='0'/>
    <input type='tablet' bus='usb'><address type='usb' bus='0' port='7'/></input>`, { arch: 'ppc64', machine: 'pseries' }),
      );
    });

    it('usb-address-duplicate: a device on the port of a hub, the hub linked; two hubs on one port', () => {
      const [finding] = expectRule(
        usbAddressDuplicateRule,
        kvmDomain(`<controller type='usb' index='0' model='qemu-xhci'/>
    <hub type='usb'><address type='usb' bus='0' port='1'/></hub>
    <input type='mouse' bus='usb'><address type='usb' bus='0' port='⟦1⟧'/></input>
    <hub type='usb'><address type='usb' bus='0' port='⟦1⟧'/></hub>`),
      );
      assert.equal(finding.related?.length, 1);
      assert.match(finding.related?.[0].message ?? '', /hub/);
    });

    it('usb-address-duplicate near miss: devices behind the hub', () => {
      expectRule(
        usbAddressDuplicateRule,
        kvmDomain(`<controller type='usb' index='0' model='qemu-xhci'/>
    <hub type='usb'><address type='usb' bus='0' port='1'/></hub>
    <input type='mouse' bus='usb'><address type='usb' bus='0' port='1.1'/></input>
    <input type='keyboard' bus='usb'><address type='usb' bus='0' port='1.2'/></input>`),
      );
    });
  });

  describe('inputs', () => {
    it('input-bus-unsupported: a PS/2 tablet, a passthrough on USB, an evdev with a bus, a virtio model on USB', () => {
      expectRule(
        inputBusRule,
        kvmDomain(`<input type='tablet' bus='⟦ps2⟧'/>
    <input type='passthrough' bus='⟦usb⟧'><source evdev='/dev/input/event1'/></input>
    <input type='evdev' bus='⟦usb⟧'><source dev='/dev/input/event2'/></input>
    <input type='keyboard' bus='⟦usb⟧' model='virtio'/>`),
      );
    });

    it('input-bus-unsupported near miss: the buses that carry them', () => {
      expectRule(
        inputBusRule,
        kvmDomain(`<input type='mouse' bus='ps2'/>
    <input type='tablet' bus='usb'/>
    <input type='passthrough' bus='virtio'><source evdev='/dev/input/event1'/></input>
    <input type='evdev'><source dev='/dev/input/event2'/></input>
    <input type='keyboard' bus='virtio' model='virtio'/>`),
      );
    });

    it("input-ps2-feature-off: PS/2 inputs with <ps2 state='off'/>, the feature linked", () => {
      const [finding] = expectRule(
        inputPs2DisabledRule,
        kvmDomain(`<input type='mouse' bus='⟦ps2⟧'/>
    <input type='tablet' bus='usb'/>`, { head: `  <features>\n    <ps2 state='off'/>\n  </features>\n` }),
      );
      assert.equal(finding.related?.length, 1);
    });

    it('input-ps2-feature-off near miss: the feature on', () => {
      expectRule(inputPs2DisabledRule, kvmDomain(`<input type='mouse' bus='ps2'/>`, { head: `  <features>\n    <ps2 state='on'/>\n  </features>\n` }));
    });

    it('input-virtio-transitional: a non-transitional virtio keyboard', () => {
      const [finding] = expectRule(inputVirtioTransitionalRule, kvmDomain(`<input type='keyboard' bus='virtio' model='⟦virtio-non-transitional⟧'/>`));
      assert.equal(finding.fixes?.[0].newText, 'virtio');
    });

    it("input-virtio-transitional near miss: model='virtio'", () => {
      expectRule(inputVirtioTransitionalRule, kvmDomain(`<input type='keyboard' bus='virtio' model='virtio'/>`));
    });
  });

  describe('graphics', () => {
    it('graphics-egl-headless-pairing: SDL beside egl-headless, egl-headless linked', () => {
      const [finding] = expectRule(
        eglHeadlessPairingRule,
        kvmDomain(`<graphics type='⟦sdl⟧' display=':0.1'/>
    <graphics type='egl-headless'/>`),
      );
      assert.equal(finding.related?.length, 1);
    });

    it('graphics-egl-headless-pairing near miss: VNC with egl-headless; SDL alone', () => {
      expectRule(eglHeadlessPairingRule, kvmDomain(`<graphics type='vnc'/>
    <graphics type='egl-headless'/>`));
      expectRule(eglHeadlessPairingRule, kvmDomain(`<graphics type='sdl' display=':0.1'/>`));
    });

    it('graphics-multiple-opengl: SPICE with OpenGL beside egl-headless', () => {
      expectRule(
        eglHeadlessSpiceGlRule,
        kvmDomain(`<graphics type='spice'><listen type='none'/><gl enable='⟦yes⟧'/></graphics>
    <graphics type='egl-headless'/>`),
      );
    });

    it('graphics-multiple-opengl near miss: SPICE without OpenGL beside egl-headless; SPICE OpenGL alone', () => {
      expectRule(eglHeadlessSpiceGlRule, kvmDomain(`<graphics type='spice'><gl enable='no'/></graphics>
    <graphics type='egl-headless'/>`));
      expectRule(eglHeadlessSpiceGlRule, kvmDomain(`<graphics type='spice'><listen type='none'/><gl enable='yes'/></graphics>`));
    });

    it('graphics-vnc-password-too-long: nine characters', () => {
      expectRule(vncPasswordLengthRule, kvmDomain(`<graphics type='vnc' passwd='⟦123456789⟧'/>`));
    });

    it('graphics-vnc-password-too-long near miss: eight characters', () => {
      expectRule(vncPasswordLengthRule, kvmDomain(`<graphics type='vnc' passwd='12345678'/>`));
    });

    it('graphics-listen-unsupported: a network listen without its network, a socket listen on RDP', () => {
      expectRule(
        graphicsListenRule,
        kvmDomain(`<graphics type='vnc'><⟦listen⟧ type='network'/></graphics>
    <graphics type='rdp'><listen type='⟦socket⟧'/></graphics>`),
      );
    });

    it('graphics-listen-unsupported near miss: a named network, a VNC socket, an RDP address', () => {
      expectRule(
        graphicsListenRule,
        kvmDomain(`<graphics type='vnc'><listen type='network' network='default'/></graphics>
    <graphics type='spice'><listen type='socket'/></graphics>
    <graphics type='rdp'><listen type='address' address='127.0.0.1'/></graphics>`),
      );
    });

    it('graphics-dbus-p2p-address: p2p with an address', () => {
      expectRule(dbusP2pAddressRule, kvmDomain(`<graphics type='dbus' p2p='yes' address='⟦unix:path=/tmp/bus⟧'/>`));
    });

    it('graphics-dbus-p2p-address near miss: p2p alone; an address alone', () => {
      expectRule(dbusP2pAddressRule, kvmDomain(`<graphics type='dbus' p2p='yes'/>
    <graphics type='dbus' address='unix:path=/tmp/bus'/>`));
    });

  });

  it('no rule of the family throws on a half-typed document', () => {
    const text = kvmDomain(`<controller type='usb' index='x' model='qemu-xhci' ports='9999999999999999999'/>
    <hub type='usb'><address type='usb' bus='' port='1..'/></hub>
    <input type='mouse' bus='usb'><address type='usb' bus='0' port='0'/></input>
    <input type='tablet' bus='usb'><address type='usb' bus='0' port='1.2.3.4.5'/></input>
    <graphics type='egl-headless'/><graphics type=`);
    ruleFindings(usbRules, text);
  });
});
