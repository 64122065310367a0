// HTML the buyer would see styled. Applied to the HTML alternative and to the plain text (a tag typed
// into the text is sent as is). In plain text only real element names count, so "<Important>" or
// "<ご注意>" is text, not markup.
import type { Span } from './mapped.ts';

export interface HtmlRules {
  readonly allowedTags: ReadonlySet<string>;
  readonly forbiddenAttributes: ReadonlySet<string>;
}

// Opening tags only: a closing tag styles nothing by itself and would repeat the excerpt.
const TAG = /<([a-z][a-z0-9-]*)(\s[^<>]*)?\/?>/giu;
const ATTRIBUTE = /([^\s=/"'>]+)(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?/gu;
const ELEMENTS = new Set(
  `a abbr address area article aside audio b base basefont bdi bdo big blink blockquote body br button canvas caption
  center cite code col colgroup dd del details dfn dialog div dl dt em embed fieldset figcaption figure font footer
  form frame frameset h1 h2 h3 h4 h5 h6 head header hr html i iframe img input ins kbd label legend li link main map
  mark marquee meta nav noscript object ol optgroup option p picture pre q s samp script section select small source
  span strike strong style sub summary sup svg table tbody td template textarea tfoot th thead time title tr tt u ul
  var video wbr`.split(/\s+/),
);

export function findHtml(source: string, rules: HtmlRules, isHtml: boolean): Span[] {
  const spans: Span[] = [];
  for (const m of source.matchAll(TAG)) {
    const name = m[1]!.toLowerCase();
    if (!isHtml && !ELEMENTS.has(name)) continue;
    const attributes = [...(m[2] ?? '').matchAll(ATTRIBUTE)].map((a) => a[1]!.toLowerCase());
    if (rules.allowedTags.has(name) && !attributes.some((a) => rules.forbiddenAttributes.has(a))) continue;
    spans.push({ start: m.index, end: m.index + m[0].length });
  }
  return spans;
}
