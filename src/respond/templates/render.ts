// Rendering one template for one case: the needs first, then the body and subject with the partials
// chosen for this account and marketplace, then the layout tidied the way Amazon's rules want it.
import { join } from 'node:path';
import type Handlebars from 'handlebars';
import type { Language } from '../../understand/kinds.ts';
import type { RenderData } from '../render-data.ts';
import { run } from './engine.ts';
import { TemplateError } from './error.ts';
import type { PartialUnit, TemplateUnit } from './load.ts';
import { findPlaceholders } from './placeholders.ts';
import type { RenderedTemplate, TemplateInfo, TemplateProblem, Templates } from './types.ts';

export function createTemplates(dir: string, templates: readonly TemplateUnit[], partials: readonly PartialUnit[], problems: TemplateProblem[]): Templates {
  const byKey = new Map(templates.map((t) => [`${t.info.language}:${t.info.name}`, t]));
  const infos = templates.map((t) => t.info).sort((a, b) => a.name.localeCompare(b.name) || a.language.localeCompare(b.language));
  // Each partial runs through `run` so that an error inside it names the partial's file, not the caller's.
  const invokers = new Map<PartialUnit, Handlebars.TemplateDelegate>(partials.map((p) => [p, (context, options) => run(p.body, context, options ?? {})]));

  /** account > marketplace > plain, for every partial name in this language. */
  const partialsFor = (language: Language, accountId: string, marketplace: string): Record<string, Handlebars.TemplateDelegate> => {
    const rank = (p: PartialUnit): number => (p.variant === null ? 1 : p.variant === marketplace ? 2 : p.variant === accountId ? 3 : 0);
    const chosen = new Map<string, PartialUnit>();
    for (const p of partials) {
      if (p.language !== language || rank(p) === 0) continue;
      const current = chosen.get(p.name);
      if (current === undefined || rank(p) > rank(current)) chosen.set(p.name, p);
    }
    return Object.fromEntries([...chosen].map(([name, p]) => [name, invokers.get(p)!]));
  };

  return {
    problems,
    list: (): TemplateInfo[] => [...infos],
    get: (name, language) => byKey.get(`${language}:${name}`)?.info,
    render(name: string, language: Language, data: RenderData): RenderedTemplate {
      const unit = byKey.get(`${language}:${name}`);
      if (unit === undefined) {
        const file = join(dir, `${name}.${language}.hbs`);
        // A broken file is not loaded; say why, with the line, rather than only that it is missing.
        const problem = problems.find((p) => p.file === file);
        if (problem !== undefined) {
          throw new TemplateError(file, problem.line, problem.message, { hint: 'fix the template; `kotae templates check` shows every problem' });
        }
        throw new TemplateError(file, null, `there is no template "${name}" in ${language === 'ja' ? 'Japanese' : 'English'}`, {
          hint: `create ${file}, or fix the template name in the playbook`,
        });
      }
      for (const need of unit.needs) {
        if (!present(valueAt(data, need.path))) {
          throw new TemplateError(unit.info.file, need.line, `this case has no ${need.path}, which the template needs`, {
            hint: 'answer this message by hand, or remove it from needs and wrap its use in {{#if …}}',
          });
        }
      }
      const options = { partials: partialsFor(language, data.account.id, data.marketplace) };
      const text = tidy(run(unit.body, data, options));
      const subject = unit.subject === null ? null : run(unit.subject, data, options).replace(/\s+/g, ' ').trim() || null;
      return { subject, text, placeholders: findPlaceholders(`${subject ?? ''}\n${text}`) };
    },
  };
}

/** Amazon allows at most two line breaks in a row; template conditionals easily leave more, and trailing blanks. */
function tidy(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(/[ \t\u3000]+$/gm, '').replace(/\n{3,}/g, '\n\n').trim();
}

function valueAt(data: RenderData, path: string): unknown {
  return path.split('.').reduce<unknown>((value, key) => (value == null ? undefined : (value as Record<string, unknown>)[key]), data);
}

function present(value: unknown): boolean {
  return value != null && !(typeof value === 'string' && value.trim() === '') && !(Array.isArray(value) && value.length === 0);
}
