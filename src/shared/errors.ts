// Typed errors. A user-facing error says what went wrong and what to do (`hint`); the CLI prints
// both and maps the class to an exit status (usage/config problems exit 2, the rest exit 1).

export class KotaeError extends Error {
  readonly hint: string | undefined;
  constructor(message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.hint = options.hint;
  }
}

/** Bad command-line usage: exit 2. */
export class UsageError extends KotaeError {}

/**
 * Something the user named (a case, a draft, a template, a quarantined message) is not there: exit 1,
 * as any runtime failure: the command was well formed; the store does not hold what it names.
 */
export class NotFoundError extends KotaeError {}

/** Invalid configuration or an editable file (rules, playbook, template) that fails validation: exit 2. */
export class ConfigError extends KotaeError {
  /** Where the problem is: a config key path (`accounts[0].imap.port`) or `file:line`. */
  readonly where: string;
  constructor(where: string, message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(`${where}: ${message}`, options);
    this.where = where;
  }
}

/** A message that cannot be parsed or processed; the pipeline records it and quarantines after 3 tries. */
export class MessageError extends KotaeError {}

/** A network peer (IMAP, SMTP) failed; `transient` says whether retrying later may help. */
export class RemoteError extends KotaeError {
  readonly transient: boolean;
  constructor(message: string, options: { transient: boolean; hint?: string; cause?: unknown }) {
    super(message, options);
    this.transient = options.transient;
  }
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
