// Text for mail that only has HTML. mailparser's own conversion wraps lines at 80 columns and runs
// table cells together ("注文番号503-… 申し立て理由返品…"); kotae needs whole lines and label/value
// cells kept apart, to find the buyer's words and the order ID.
import { compile } from 'html-to-text';
import { convertHtmlBounded } from '../shared/html.ts';

const convert = compile({
  wordwrap: false,
  selectors: [
    { selector: 'a', options: { ignoreHref: true } },
    { selector: 'img', format: 'skip' },
    { selector: 'table', format: 'dataTable', options: { colSpacing: 3, maxColumnWidth: 200 } },
  ],
  limits: { maxDepth: 1000 },
});

export function htmlToPlainText(html: string): string {
  return convertHtmlBounded(convert, html).replace(/[ \t]+$/gm, '').replace(/\n{3,}/g, '\n\n').trim();
}
