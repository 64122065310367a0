// Every field of RenderData by its template path, with the kind of value it holds. The table is checked
// against RenderData by the compiler, so a field added there must be added here; it lets kotae report a
// misspelt `{{buyer.nmae}}` or `needs: [order.idd]` with its line instead of rendering a blank.
import type { RenderData } from '../render-data.ts';

export type FieldType = 'text' | 'optional-text' | 'time' | 'optional-time' | 'count' | 'kind' | 'intents' | 'fulfilment' | 'language' | 'fault' | 'flag' | 'money';

/** `a.b.c` for every leaf of T (arrays and scalars are leaves). */
type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: NonNullable<T[K]> extends string | number | boolean | readonly unknown[] ? `${P}${K}` : Leaves<NonNullable<T[K]>, `${P}${K}.`>;
}[keyof T & string];

export const FIELDS: Record<Leaves<RenderData>, FieldType> = {
  language: 'language',
  marketplace: 'text',
  timezone: 'text',
  now: 'time',
  'account.id': 'text',
  'account.shopName': 'text',
  'account.address': 'text',
  'account.sellerId': 'optional-text',
  'buyer.name': 'optional-text',
  'buyer.relayAddress': 'optional-text',
  'order.id': 'optional-text',
  'order.asin': 'optional-text',
  'order.sku': 'optional-text',
  'order.itemTitle': 'optional-text',
  'order.productName': 'optional-text',
  'order.fulfilment': 'fulfilment',
  'message.kind': 'kind',
  'message.subject': 'text',
  'message.text': 'text',
  'message.receivedAt': 'time',
  'message.intents': 'intents',
  'message.ownMistake': 'flag',
  'message.receiptAddressee': 'optional-text',
  'message.receiptNote': 'optional-text',
  'message.saysLate': 'flag',
  'case.id': 'count',
  'case.supportCaseId': 'optional-text',
  'case.previousSupportCaseId': 'optional-text',
  'case.openedAt': 'time',
  'case.replyBy': 'optional-time',
  'case.amazonAnswers': 'count',
  'case.daysWaiting': 'count',
  'case.lastAmazonAnswer': 'optional-text',
  'case.caseLogUrl': 'optional-text',
  'case.previousAnswer': 'optional-text',
  'case.repliedBefore': 'flag',
  'support.fault': 'fault',
  'support.disputed': 'flag',
  'support.admission.quote': 'text',
  'support.admission.at': 'time',
  'support.blame.quote': 'text',
  'support.blame.at': 'time',
  'support.money': 'money',
  'support.unpaidTotal': 'optional-text',
  'support.promisedAt': 'optional-time',
  'support.stockAnswers': 'count',
};

const PATHS = Object.keys(FIELDS);

export function isLeaf(path: string): path is keyof typeof FIELDS {
  return Object.hasOwn(FIELDS, path);
}

/** A path a template may read: a field, a group of fields (`order`), or inside a list (`message.intents.length`). */
export function isKnownPath(path: string): boolean {
  return isLeaf(path) || PATHS.some((p) => p.startsWith(`${path}.`) || (['intents', 'money'].includes(FIELDS[p as keyof typeof FIELDS]) && path.startsWith(`${p}.`)));
}

/** What could have been meant: the fields under the longest part of `path` that exists. */
export function suggestions(path: string): string[] {
  const parts = path.split('.');
  let group = '';
  for (let i = parts.length - 1; i > 0; i--) {
    const prefix = parts.slice(0, i).join('.');
    if (isKnownPath(prefix)) {
      group = prefix;
      break;
    }
  }
  const prefix = group === '' ? '' : `${group}.`;
  return [...new Set(PATHS.filter((p) => p.startsWith(prefix)).map((p) => prefix + p.slice(prefix.length).split('.')[0]!))];
}

/** The keys one level below `group` ('' for the top). */
export function childKeys(group: string): string[] {
  const prefix = group === '' ? '' : `${group}.`;
  return [...new Set(PATHS.filter((p) => p.startsWith(prefix)).map((p) => p.slice(prefix.length).split('.')[0]!))];
}
