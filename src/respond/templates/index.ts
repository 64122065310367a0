// Reply templates: Handlebars files with YAML front matter under templates/, which the seller edits.
// See docs/templates.md for the format, the data, the helpers and the partials.
export type { RenderedTemplate, TemplateInfo, TemplateProblem, Templates } from './types.ts';
export { TemplateError } from './error.ts';
export { loadTemplates } from './load.ts';
export { watchTemplates } from './watch.ts';
export { PLACEHOLDER, findPlaceholders } from './placeholders.ts';
export { sampleData } from './sample.ts';
