/** The language of this machine's locale, for what runs without an editor's own (domxml, the server under a terminal editor). */
import { Language } from './words';

/**
 * The locale of messages as POSIX orders it: LC_ALL, then LC_MESSAGES, then LANG, the first that
 * is set (an empty variable is not set); undefined when none is.
 */
export function messagesLocale(env: NodeJS.ProcessEnv): string | undefined {
  return env.LC_ALL || env.LC_MESSAGES || env.LANG || undefined;
}

/** A `zh` locale (zh_CN.UTF-8, zh_TW…) is Chinese; anything else, or none, English. */
export function localeLanguage(env: NodeJS.ProcessEnv): Language {
  return (messagesLocale(env) ?? '').toLowerCase().startsWith('zh') ? 'zh' : 'en';
}
