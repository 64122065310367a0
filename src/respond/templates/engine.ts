// Handlebars as kotae uses it: plain text (never HTML-escaped), kotae's helpers only, and every failure
// turned into a TemplateError or problem that names the template file and the line in it.
import Handlebars from 'handlebars';
import { ConfigError, errorMessage } from '../../shared/errors.ts';
import { inspectBody, type PartialRef } from './check.ts';
import { TemplateError } from './error.ts';
import { HelperFailure, registerHelpers } from './helpers.ts';

const hbs = Handlebars.create();
registerHelpers(hbs);

const OPTIONS = { noEscape: true } as const;

/** A compiled piece of a file: the body, or the subject line from the front matter. */
export interface Body {
  readonly fn: Handlebars.TemplateDelegate;
  readonly file: string;
  /** Lines of the file before this piece. */
  readonly offset: number;
  readonly partials: readonly PartialRef[];
}

/** Parses and checks a piece of a template; throws ConfigError (file:line) when it is broken. */
export function compileBody(source: string, file: string, offset: number): Body {
  let ast: hbs.AST.Program;
  try {
    ast = hbs.parse(source);
    // Compiling now (the result is dropped) surfaces the compiler's own errors at load, not at render.
    hbs.precompile(ast, OPTIONS);
  } catch (err) {
    // At the end of the file the parser counts the line after the last one; point at the last one.
    const last = source.replace(/\s+$/, '').split('\n').length;
    throw new ConfigError(`${file}:${Math.min(handlebarsLine(err) ?? 1, last) + offset}`, describe(err), {
      hint: 'check that every {{ has its }}, and every {{#if …}} its {{/if}}',
      cause: err,
    });
  }
  const { issues, partials } = inspectBody(ast, offset);
  const first = issues[0];
  if (first !== undefined) throw new ConfigError(`${file}:${first.line}`, first.message);
  return { fn: hbs.compile(ast, OPTIONS), file, offset, partials };
}

/** Runs a compiled piece; any failure inside comes out as a TemplateError naming this piece's file and line. */
export function run(body: Body, context: unknown, options: Handlebars.RuntimeOptions): string {
  try {
    return body.fn(context, options);
  } catch (err) {
    if (err instanceof TemplateError) throw err; // already placed, by a partial inside this one
    if (err instanceof HelperFailure) {
      throw new TemplateError(body.file, err.line === null ? null : err.line + body.offset, err.message, { hint: err.hint, cause: err });
    }
    const line = handlebarsLine(err);
    throw new TemplateError(body.file, line === null ? null : line + body.offset, describe(err), {
      hint: 'run `kotae templates check` to see what is wrong with the template',
      cause: err,
    });
  }
}

/** Handlebars reports lines as a property (compiler) or only in the message (parser). */
function handlebarsLine(err: unknown): number | null {
  const property = (err as { lineNumber?: unknown } | null)?.lineNumber;
  if (typeof property === 'number') return property;
  const match = /on line (\d+)/.exec(errorMessage(err));
  return match === null ? null : Number(match[1]);
}

/** Says what Handlebars found wrong in words a seller can act on (the parser lists grammar tokens). */
function describe(err: unknown): string {
  const lines = errorMessage(err).split('\n');
  const expecting = lines.find((l) => l.startsWith('Expecting'));
  if (expecting === undefined) return (lines[0] ?? 'unknown error').replace(/ - \d+:\d+$/, '');
  if (expecting.endsWith("got 'EOF'")) return 'the file ends before a {{#…}} block is closed with {{/…}}';
  // The parser shows the text before the error on one line and a ^ under the spot on the next.
  const at = lines[2]?.indexOf('^') ?? -1;
  const near = at < 0 ? '' : (lines[1] ?? '').slice(Math.max(0, at - 20), at + 1).trim();
  return near === '' ? 'a {{…}} is not written correctly' : `a {{…}} is not written correctly near "${near}"`;
}
