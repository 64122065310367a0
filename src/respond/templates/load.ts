// Loading happens in two steps so that a reload can keep the last good version of a broken file:
// readUnits reads and checks each file on its own; assemble checks what files need from each other
// (partials) and builds the Templates.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, errorMessage } from '../../shared/errors.ts';
import { BUYER_FACING_KINDS } from '../../understand/kinds.ts';
import { compileBody, type Body } from './engine.ts';
import { listFiles, type PartialFile, type TemplateFile } from './files.ts';
import { lineOf, readPartialFront, readTemplateFront, splitFile, type TemplateFront } from './front-matter.ts';
import { PLACEHOLDER } from './placeholders.ts';
import { createTemplates } from './render.ts';
import { sampleData } from './sample.ts';
import type { TemplateInfo, TemplateProblem, Templates } from './types.ts';

export interface TemplateUnit {
  readonly type: 'template';
  readonly info: TemplateInfo;
  readonly needs: readonly { path: string; line: number }[];
  readonly body: Body;
  readonly subject: Body | null;
}

export interface PartialUnit extends Omit<PartialFile, 'type'> {
  readonly type: 'partial';
  readonly body: Body;
}

export type Unit = TemplateUnit | PartialUnit;

export function loadTemplates(dir: string): Templates {
  const { units, problems } = readUnits(dir);
  return assemble(dir, units, problems);
}

/** Every file read and checked on its own, by file path; the broken ones as problems. */
export function readUnits(dir: string): { units: Map<string, Unit>; problems: TemplateProblem[] } {
  const { files, problems } = listFiles(dir);
  const units = new Map<string, Unit>();
  for (const file of files) {
    try {
      units.set(file.file, file.type === 'partial' ? readPartial(file) : readTemplate(file));
    } catch (err) {
      problems.push(problemOf(err, file.file));
    }
  }
  return { units, problems };
}

/** Drops what includes a partial that is missing (or broken), then builds the Templates. */
export function assemble(dir: string, units: ReadonlyMap<string, Unit>, problems: readonly TemplateProblem[]): Templates {
  const all = [...units.values()];
  let partials = all.filter((u): u is PartialUnit => u.type === 'partial');
  const found = [...problems];
  const missing = (body: Body, language: string): string | undefined =>
    body.partials.find((ref) => !partials.some((p) => p.name === ref.name && p.variant === null && p.language === language))?.name;
  const report = (body: Body, name: string, language: string): void => {
    const line = body.partials.find((ref) => ref.name === name)?.line ?? null;
    found.push({ file: body.file, line, message: `the partial "${name}" has no usable ${join(dir, 'partials', `${name}.${language}.hbs`)}; create it, or fix its problem` });
  };
  // A partial can include another: repeat until no more drop out.
  for (let changed = true; changed; ) {
    changed = false;
    for (const partial of partials) {
      const name = missing(partial.body, partial.language);
      if (name === undefined) continue;
      report(partial.body, name, partial.language);
      partials = partials.filter((p) => p !== partial);
      changed = true;
    }
  }
  const templates = all.filter((u): u is TemplateUnit => {
    if (u.type !== 'template') return false;
    for (const body of u.subject === null ? [u.body] : [u.body, u.subject]) {
      const name = missing(body, u.info.language);
      if (name === undefined) continue;
      report(body, name, u.info.language);
      return false;
    }
    return true;
  });
  return createTemplates(dir, templates, partials, found);
}

function readPartial(file: PartialFile): PartialUnit {
  const split = splitFile(readText(file.file), file.file);
  if (split.yaml !== null) readPartialFront(split.yaml, file.file);
  // A partial stands on its own line; ending it with exactly one line break keeps the blank line after it.
  return { ...file, type: 'partial', body: compileBody(`${split.body.trimEnd()}\n`, file.file, split.offset) };
}

function readTemplate(file: TemplateFile): TemplateUnit {
  const split = splitFile(readText(file.file), file.file);
  if (split.yaml === null) {
    throw new ConfigError(`${file.file}:1`, 'the template has no front matter', {
      hint: 'start the file with a --- line, then description, audience and answers, then another --- line (see docs/templates.md)',
    });
  }
  const front = readTemplateFront(split.yaml, file.file);
  checkAudience(file, front);
  if (front.auto) {
    const at = PLACEHOLDER.exec(split.body);
    const where = at === null ? (front.subject !== null && PLACEHOLDER.test(front.subject.source) ? front.subject.line : null)
      : split.offset + split.body.slice(0, at.index).split('\n').length;
    if (where !== null) {
      throw new ConfigError(`${file.file}:${where}`, 'auto: true, but the template contains a placeholder the approver must fill', {
        hint: 'set auto: false, or write the text in place of the placeholder',
      });
    }
  }
  return {
    type: 'template',
    info: {
      name: file.name,
      language: file.language,
      file: file.file,
      description: front.description,
      audience: front.audience,
      kinds: front.kinds,
      intents: front.intents,
      auto: front.auto,
      needs: front.needs.map((n) => n.path),
      sample: sampleData(file.language, front.sample),
    },
    needs: front.needs,
    body: compileBody(split.body, file.file, split.offset),
    subject: front.subject === null ? null : compileBody(front.subject.source, file.file, front.subject.line - 1),
  };
}

/** The audience decides whether the policy guard runs, so it must agree with where the reply goes. */
function checkAudience(file: TemplateFile, front: TemplateFront): void {
  const where = `${file.file}${front.audienceLine === null ? '' : `:${front.audienceLine}`}`;
  const folder = file.name.includes('/') ? file.name.split('/')[0] : null;
  const expected = folder === 'buyer' ? 'buyer' : folder === 'support' ? 'amazon' : null;
  if (expected !== null && front.audience !== expected) {
    throw new ConfigError(where, `templates in ${folder}/ must have audience: ${expected}`, {
      hint: `set audience: ${expected}, or move the file to the folder of its audience`,
    });
  }
  const buyerKind = front.kinds.find((k) => BUYER_FACING_KINDS.includes(k));
  if (front.audience === 'amazon' && buyerKind !== undefined) {
    throw new ConfigError(where, `a reply to ${buyerKind} goes to the buyer, so the policy guard must check it`, {
      hint: `set audience: buyer, or remove ${buyerKind} from answers.kinds`,
    });
  }
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(file, `cannot read the file (${errorMessage(err)})`, { hint: 'check that the file exists and is readable', cause: err });
  }
}

function problemOf(err: unknown, file: string): TemplateProblem {
  if (err instanceof ConfigError) {
    const line = err.where.startsWith(file) ? lineOf(err.where) : null;
    const message = err.message.slice(err.where.length + 2).replace(/:$/, '');
    return { file, line, message: err.hint === undefined ? message : `${message}; ${err.hint}` };
  }
  return { file, line: null, message: errorMessage(err) };
}
