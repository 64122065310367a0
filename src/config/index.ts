export { loadConfig, findConfigFile, parseConfigText, resolveSecret, APP_ROOT, type Config } from './load.ts';
export type { AccountConfig, ImapConfig, SmtpConfig } from './schema.ts';
