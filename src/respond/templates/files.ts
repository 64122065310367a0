// Finding the template files and reading what their names say: `buyer/fba-return.ja.hbs` is the
// template buyer/fba-return in Japanese; `partials/signature.acme.ja.hbs` is account acme's signature.
import { readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { ConfigError } from '../../shared/errors.ts';
import type { Language } from '../../understand/kinds.ts';
import type { TemplateProblem } from './types.ts';

export interface TemplateFile {
  type: 'template';
  file: string;
  name: string;
  language: Language;
}

export interface PartialFile {
  type: 'partial';
  file: string;
  name: string;
  /** An account ID or a marketplace code this version is for; null for the plain version. */
  variant: string | null;
  language: Language;
}

const LANGUAGES: readonly string[] = ['ja', 'en'];
const WORD = /^[a-z0-9][a-z0-9_-]*$/i;
const PARTIALS_FOLDER = 'partials';

export function listFiles(dir: string): { files: (TemplateFile | PartialFile)[]; problems: TemplateProblem[] } {
  if (!isDirectory(dir)) {
    throw new ConfigError(dir, 'the templates folder does not exist', {
      hint: 'set templatesDir in the config, or copy the templates/ folder from the kotae repository',
    });
  }
  const files: (TemplateFile | PartialFile)[] = [];
  const problems: TemplateProblem[] = [];
  const found = readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.hbs'))
    .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'))
    // Hidden files and folders are editors' and tools' own (.git, .#draft.hbs).
    .filter((rel) => !rel.split('/').some((part) => part.startsWith('.')))
    .sort();
  for (const rel of found) {
    const parsed = parseName(rel, join(dir, rel));
    if (typeof parsed === 'string') problems.push({ file: join(dir, rel), line: null, message: parsed });
    else files.push(parsed);
  }
  return { files, problems };
}

/** What the name says, or why it says nothing usable. */
function parseName(rel: string, file: string): TemplateFile | PartialFile | string {
  const parts = rel.split('/');
  const dots = parts.at(-1)!.slice(0, -'.hbs'.length).split('.');
  const language = dots.at(-1)!;
  if (dots.length === 1) return `the file name has no language; rename it to ${dots[0]}.ja.hbs or ${dots[0]}.en.hbs`;
  if (!LANGUAGES.includes(language)) return `unknown language "${language}" in the file name; use .ja.hbs or .en.hbs`;
  const words = [...parts.slice(0, -1), ...dots.slice(0, -1)];
  const bad = words.find((w) => !WORD.test(w));
  if (bad !== undefined) return `"${bad}" in the file name may use only letters, digits, - and _`;

  if (parts[0] === PARTIALS_FOLDER) {
    if (parts.length !== 2 || dots.length > 3) {
      return 'a partial must be partials/NAME.LANG.hbs, or partials/NAME.ACCOUNT.LANG.hbs / NAME.MARKETPLACE.LANG.hbs for an override';
    }
    return { type: 'partial', file, name: dots[0]!, variant: dots.length === 3 ? dots[1]! : null, language: language as Language };
  }
  if (dots.length !== 2) return `the file name must be NAME.LANG.hbs (e.g. ${dots[0]}.${language}.hbs): no other dots`;
  return { type: 'template', file, name: [...parts.slice(0, -1), dots[0]].join('/'), language: language as Language };
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
