import { LANGUAGE_ID } from './detect';

/**
 * Remembers, per open document (keyed by URI), whether the user moved it away from
 * libvirt-xml, so that detection never fights a language the user picked. VS Code reports a
 * language change as the document closing and reopening under the new language; a document
 * that reappears with another language after being libvirt-xml was switched by hand.
 */
export class LanguageChoices {
  private readonly libvirt = new Set<string>();
  private readonly optedOut = new Set<string>();

  /** Records that a document appeared (opened, or its language changed) and says whether
   *  detection may switch it to libvirt-xml. */
  mayDetect(key: string, languageId: string): boolean {
    if (languageId === LANGUAGE_ID) {
      this.libvirt.add(key);
      return false;
    }
    if (this.libvirt.delete(key)) this.optedOut.add(key);
    return !this.optedOut.has(key);
  }

  /** The document was really closed (not merely given another language). */
  forget(key: string): void {
    this.libvirt.delete(key);
    this.optedOut.delete(key);
  }
}
