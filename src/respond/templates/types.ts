// The shapes the rest of kotae sees: a template's description, a broken file, a rendering.
import type { Intent, Kind, Language } from '../../understand/kinds.ts';
import type { RenderData } from '../render-data.ts';

export interface TemplateInfo {
  /** The path under the templates folder without language and extension: `buyer/fba-return`. */
  name: string;
  language: Language;
  file: string;
  description: string;
  /** buyer: the policy guard applies; amazon: a letter to Seller Support. */
  audience: 'buyer' | 'amazon';
  kinds: Kind[];
  /** Empty: any intent. */
  intents: Intent[];
  auto: boolean;
  needs: string[];
  /** The front matter's sample merged over the built-in defaults. */
  sample: RenderData;
}

export interface TemplateProblem {
  file: string;
  line: number | null;
  message: string;
}

export interface RenderedTemplate {
  subject: string | null;
  text: string;
  /** Every `【要記入: …】` / `[FILL IN: …]` left in the subject or text, in order, without repeats. */
  placeholders: string[];
}

export interface Templates {
  list(): TemplateInfo[];
  get(name: string, language: Language): TemplateInfo | undefined;
  /** Throws TemplateError (with file and line) on a missing `needs` path, an unknown helper, a missing partial. */
  render(name: string, language: Language, data: RenderData): RenderedTemplate;
  /** Broken files found while loading; a broken file never stops the others from loading. */
  problems: TemplateProblem[];
}
