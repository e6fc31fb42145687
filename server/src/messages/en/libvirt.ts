/** What the server says about libvirt itself: a definition libvirt refused. */
export const LIBVIRT_EN = {
  'libvirt.refused': 'libvirt on {connection} refused this definition: {message}',
};
