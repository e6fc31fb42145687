/** The `libvirtXml.*` settings the server honours, read defensively from whatever the client sends. */
import type { QuoteStyle } from './features/formatting';

export interface ServerSettings {
  /** `libvirtXml.language` (or the older `libvirtXml.docs.language` while that one is `auto`). */
  language: 'auto' | 'en' | 'zh';
  maxProblems: number;
  maxFileSizeMB: number;
  /** A directory holding domain.rng to validate against instead of the bundled schema ('' for none). */
  schemaPath: string;
  /** With no schemaPath: use /usr/share/libvirt/schemas when it has domain.rng. */
  useSystemSchemas: boolean;
  /** Warn about pins and node sets beyond the host's CPUs and NUMA nodes. */
  hostChecks: boolean;
  /** The host's CPUs as a cpuset list ('' for the machine the server runs on). */
  hostCpus: string;
  /** The host's NUMA nodes as a nodeset list ('' for the machine the server runs on). */
  hostNumaNodes: string;
  /** The libvirt connection documents are checked against ('' for none), unless the client chose one for the document. */
  hostConnection: string;
  /** The virsh to run ('' for the one in PATH). */
  virshPath: string;
  /** The quotes Format Document gives attribute values. */
  formatQuotes: QuoteStyle;
}

export const DEFAULT_SETTINGS: ServerSettings = {
  language: 'auto',
  maxProblems: 1000,
  maxFileSizeMB: 16,
  schemaPath: '',
  useSystemSchemas: false,
  hostChecks: true,
  hostCpus: '',
  hostNumaNodes: '',
  hostConnection: '',
  virshPath: '',
  formatQuotes: 'preserve',
};

/** Reads the `libvirtXml` section as VS Code sends it (nested objects); bad values fall back. */
export function readSettings(section: unknown): ServerSettings {
  const value = (group: string, key: string): unknown => {
    const inner = isRecord(section) ? section[group] : undefined;
    return isRecord(inner) ? inner[key] : undefined;
  };
  const isLanguage = (v: unknown): v is ServerSettings['language'] => v === 'en' || v === 'zh' || v === 'auto';
  const chosen = isRecord(section) ? section.language : undefined;
  const older = value('docs', 'language');
  const maxProblems = value('diagnostics', 'maxProblems');
  const maxFileSize = value('analysis', 'maxFileSizeMB');
  const schemaPath = value('schema', 'path');
  const useSystemSchemas = value('schema', 'useSystemSchemas');
  const hostChecks = value('host', 'checks');
  const hostCpus = value('host', 'cpus');
  const hostNumaNodes = value('host', 'numaNodes');
  const hostConnection = value('host', 'connection');
  const virshPath = value('virsh', 'path');
  const formatQuotes = value('format', 'quotes');
  return {
    language: isLanguage(chosen) && chosen !== 'auto' ? chosen : isLanguage(older) ? older : DEFAULT_SETTINGS.language,
    maxProblems: isPositiveNumber(maxProblems) ? Math.floor(maxProblems) : DEFAULT_SETTINGS.maxProblems,
    maxFileSizeMB: isPositiveNumber(maxFileSize) ? maxFileSize : DEFAULT_SETTINGS.maxFileSizeMB,
    schemaPath: typeof schemaPath === 'string' ? schemaPath.trim() : DEFAULT_SETTINGS.schemaPath,
    useSystemSchemas: typeof useSystemSchemas === 'boolean' ? useSystemSchemas : DEFAULT_SETTINGS.useSystemSchemas,
    hostChecks: typeof hostChecks === 'boolean' ? hostChecks : DEFAULT_SETTINGS.hostChecks,
    hostCpus: typeof hostCpus === 'string' ? hostCpus.trim() : DEFAULT_SETTINGS.hostCpus,
    hostNumaNodes: typeof hostNumaNodes === 'string' ? hostNumaNodes.trim() : DEFAULT_SETTINGS.hostNumaNodes,
    hostConnection: typeof hostConnection === 'string' ? hostConnection.trim() : DEFAULT_SETTINGS.hostConnection,
    virshPath: typeof virshPath === 'string' ? virshPath.trim() : DEFAULT_SETTINGS.virshPath,
    formatQuotes: formatQuotes === 'preserve' || formatQuotes === 'single' || formatQuotes === 'double' ? formatQuotes : DEFAULT_SETTINGS.formatQuotes,
  };
}

function isPositiveNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object';
}
