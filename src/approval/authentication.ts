// Authentication-Results (RFC 8601) on an approval reply: opt-in per account. kotae trusts only the
// header its own mail server adds (authserv-id), and wants a DMARC or DKIM pass with no failure.

export type AuthVerdict = { ok: true } | { ok: false; reason: string };

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
