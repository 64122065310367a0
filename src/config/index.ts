export { loadConfig, findConfigFile, parseConfigText, resolveSecret, checkSecrets, APP_ROOT, type Config } from './load.ts';
export type { AccountConfig, ImapConfig, SmtpConfig } from './schema.ts';
