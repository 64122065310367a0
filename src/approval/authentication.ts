// Authentication-Results (RFC 8601) on an approval reply: opt-in per account. kotae trusts only the
// header its own mail server adds (authserv-id), and wants a DMARC or DKIM pass with no failure.

import type { AccountConfig } from '../config/schema.ts';

export type AuthVerdict = { ok: true } | { ok: false; reason: string };

/**
 * Why a reply about a case (a note, a setting, "対応済") is not taken from this sender, or null: only an
 * approver of the account, and only with passing authentication where the account asks for it.
 */
export function approverRefusal(account: AccountConfig, sender: string, headers: Record<string, string>): string | null {
  if (!account.approvers.includes(sender)) return `sender ${sender || '(none)'} is not an approver of account ${account.id}`;
  if (account.approval.checkAuthenticationResults) {
    const auth = checkAuthenticationResults(headers['authentication-results'], account.approval.authservId);
    if (!auth.ok) return `authentication failed: ${auth.reason}`;
  }
  return null;
}

export function checkAuthenticationResults(headerValues: string | undefined, authservId: string | undefined): AuthVerdict {
  const headers = (headerValues ?? '').split('\n').map((h) => h.trim()).filter(Boolean);
  const trusted = authservId === undefined ? headers : headers.filter((h) => h.split(';')[0]!.trim().toLowerCase() === authservId.toLowerCase());
  if (trusted.length === 0) {
    return { ok: false, reason: authservId ? `no Authentication-Results from ${authservId}` : 'no Authentication-Results header' };
  }
  const results = trusted.flatMap((h) => [...h.matchAll(/\b(dmarc|dkim)\s*=\s*([a-z]+)/gi)].map((m) => ({ method: m[1]!.toLowerCase(), result: m[2]!.toLowerCase() })));
  const failed = results.find((r) => r.method === 'dmarc' ? r.result !== 'pass' && r.result !== 'bestguesspass' : r.result === 'fail' || r.result === 'permerror');
  if (failed) return { ok: false, reason: `${failed.method}=${failed.result}` };
  if (!results.some((r) => r.result === 'pass')) return { ok: false, reason: 'neither DMARC nor DKIM passed' };
  return { ok: true };
}
