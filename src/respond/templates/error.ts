// A template that cannot be rendered for this case. Carries the file and line so the seller can fix
// the template (or the CLI can print `file:line: message`).
import { KotaeError } from '../../shared/errors.ts';

export class TemplateError extends KotaeError {
  readonly file: string;
  readonly line: number | null;
  constructor(file: string, line: number | null, message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(`${line === null ? file : `${file}:${line}`}: ${message}`, options);
    this.file = file;
    this.line = line;
  }
}
