// The Case Log link in the paste mail, the digest and the letters: Seller Central's host for each
// Amazon marketplace, the same case path on all of them, and the menu path where no host is known.
import { describe, expect, it } from 'vitest';
import { caseLogMail, caseLogUrl } from '../../src/outbox/case-log.ts';

const PATH = '/cu/case-dashboard/view-case?caseID=13872264510';

describe('caseLogUrl', () => {
  it.each([
    ['JP', 'sellercentral.amazon.co.jp'],
    ['US', 'sellercentral.amazon.com'],
    ['CA', 'sellercentral.amazon.ca'],
    ['MX', 'sellercentral.amazon.com.mx'],
    ['BR', 'sellercentral.amazon.com.br'],
    ['UK', 'sellercentral.amazon.co.uk'],
    ['DE', 'sellercentral.amazon.de'],
    ['FR', 'sellercentral.amazon.fr'],
    ['IT', 'sellercentral.amazon.it'],
    ['ES', 'sellercentral.amazon.es'],
    ['NL', 'sellercentral.amazon.nl'],
    ['SE', 'sellercentral.amazon.se'],
    ['PL', 'sellercentral.amazon.pl'],
    ['BE', 'sellercentral.amazon.com.be'],
    ['TR', 'sellercentral.amazon.com.tr'],
    ['AE', 'sellercentral.amazon.ae'],
    ['SA', 'sellercentral.amazon.sa'],
    ['EG', 'sellercentral.amazon.eg'],
    ['IN', 'sellercentral.amazon.in'],
    ['SG', 'sellercentral.amazon.sg'],
    ['AU', 'sellercentral.amazon.com.au'],
  ])('%s: the case on %s', (marketplace, host) => {
    expect(caseLogUrl(marketplace, '13872264510')).toBe(`https://${host}${PATH}`);
  });

  it('has no link for an unknown marketplace, none for a missing one, and none for a name that is not a code', () => {
    expect(caseLogUrl('ZZ', '13872264510')).toBeNull();
    expect(caseLogUrl(null, '13872264510')).toBeNull();
    expect(caseLogUrl('constructor', '13872264510')).toBeNull();
  });

  it('escapes the case ID it puts in the link', () => {
    expect(caseLogUrl('DE', '123&x=1')).toBe('https://sellercentral.amazon.de/cu/case-dashboard/view-case?caseID=123%26x%3D1');
  });

  it('the paste mail links the case, or gives the menu path when there is no link', () => {
    const facts = { supportCaseId: '13872264510', body: 'Hello,\n\nPlease check.', caseId: 3, draftId: 9 };
    expect(caseLogMail({ ...facts, url: caseLogUrl('UK', '13872264510') }, 'tok', 'en').text).toContain(`1. Open the case: https://sellercentral.amazon.co.uk${PATH}`);
    expect(caseLogMail({ ...facts, url: caseLogUrl('ZZ', '13872264510') }, 'tok', 'en').text).toContain('1. Open the case: In Seller Central, Help > Case Log, search for the case ID.');
  });
});
