/**
 * The server's extensions to LSP, in one place for both sides: the client (client/src) imports
 * this module and nothing else of the server's.
 */

/** Server → client, whenever the server chooses a schema: which one validates, and why not the user's. */
export const SCHEMA_IN_USE_NOTIFICATION = 'libvirtXml/schemaInUse';

export interface SchemaInUse {
  /** "libvirt 12.8.0 (bundled)", "libvirt schema from DIR", or that there is none. */
  description: string;
  /** libvirt's version, or 'unknown'. */
  libvirt: string;
  /** 'bundled', the directory the schema came from, or 'none'. */
  location: string;
  /** Why the schema the settings ask for is not the one in use. */
  error?: string;
}

/**
 * Client → server, right after the user types `>` or `/`: the text to insert at the position
 * (`</name>` or the name to close), or null. The version lets the server wait for that edit.
 */
export const AUTO_CLOSE_TAG_REQUEST = 'libvirtXml/autoCloseTag';

export interface AutoCloseTagParams {
  textDocument: { uri: string; version: number };
  position: { line: number; character: number };
}

/**
 * Client → server, when the user trusts the workspace (VS Code's workspace trust): features that
 * read the local file system (path completion) are off in an untrusted workspace. The state at
 * start is `initializationOptions.workspaceTrusted`; a client that sends neither has no notion of
 * trust, and the workspace counts as trusted.
 */
export const WORKSPACE_TRUST_NOTIFICATION = 'libvirtXml/workspaceTrust';

export interface WorkspaceTrust {
  trusted: boolean;
}

/**
 * Client → server: the libvirt connection a document's host-aware checks use (a document opened
 * from the Libvirt view uses its own; the status item chooses for others): a URI, `''` for none,
 * or null for the `libvirtXml.host.connection` setting's. It may come before the document's
 * didOpen, and holds until the document is closed.
 */
export const DOCUMENT_CONNECTION_NOTIFICATION = 'libvirtXml/documentConnection';

export interface DocumentConnection {
  textDocument: { uri: string };
  connection: string | null;
}

/**
 * Client → server, after saving a live definition: what libvirt said when `virsh define`
 * refused the text of `version`, or null once a define succeeded. The server shows it as a
 * diagnostic on the token it is about, where it can tell which one, else on the root.
 */
export const DEFINE_RESULT_NOTIFICATION = 'libvirtXml/defineResult';

export interface DefineResult {
  textDocument: { uri: string; version: number };
  connection: string;
  refusal: string | null;
}
