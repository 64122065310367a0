// `kotae health`: asks the running daemon's /healthz on the address the configuration gives it
// (http.host, http.port) and exits 0 when it answers healthy. The Docker image's HEALTHCHECK runs
// it, so a seller who moves http.port moves the check with it.
import type { Config } from '../../config/load.ts';
import { errorMessage } from '../../shared/errors.ts';
import { configOption, type Command } from '../command.ts';
import { readConfig } from '../runtime.ts';

/** Below the image's HEALTHCHECK --timeout (5 s), so a hung daemon is reported by us, not killed. */
const ANSWER_TIMEOUT_MS = 4_000;

export const command: Command = {
  usage: 'health [--config PATH]',
  summary: "Ask the running daemon's /healthz (at http.host and http.port of the configuration): exit 0 when healthy, 1 when unhealthy or not answering. The Docker image's HEALTHCHECK runs it.",
  options: { ...configOption },
  async run({ values, io }) {
    const config = readConfig(values, io, 'file');
    const url = healthUrl(config.http);
    let response: Response;
    let body: string;
    try {
      response = await fetch(url, { signal: AbortSignal.timeout(ANSWER_TIMEOUT_MS) });
      body = await response.text();
    } catch (err) {
      io.err(`kotae health: no answer from ${url} (${reasonOf(err)})`);
      io.err(`Is the daemon (\`kotae run\`) running with http.port ${config.http.port} from ${config.file}?`);
      return 1;
    }
    if (response.ok) {
      io.out(`healthy: ${url} answered ${response.status}`);
      return 0;
    }
    io.err(`kotae health: unhealthy: ${url} answered ${response.status}`);
    for (const line of describeHealth(response.status, body)) io.err(`  ${line}`);
    return 1;
  },
};

/** Where the daemon listens, as seen from the same machine (or container): a wildcard host is loopback. */
export function healthUrl(http: Pick<Config['http'], 'host' | 'port'>): string {
  const host = http.host === '0.0.0.0' || http.host === '' ? '127.0.0.1' : http.host === '::' ? '::1' : http.host;
  return `http://${host.includes(':') ? `[${host}]` : host}:${http.port}/healthz`;
}

interface HealthBody {
  accounts?: { id: string; ok: boolean; reason: string | null }[];
  refusedReplies?: { caseId: number | null; to: string; error: string | null }[];
}

/** What /healthz says is wrong, one line per account or refused reply (its body is JSON; anything else is shown as it came). */
export function describeHealth(status: number, body: string): string[] {
  let parsed: HealthBody;
  try {
    parsed = JSON.parse(body) as HealthBody;
  } catch {
    return body.trim() ? [body.trim().split('\n')[0]!] : [`HTTP ${status} with no body`];
  }
  const accounts = (parsed.accounts ?? []).filter((a) => !a.ok).map((a) => `account ${a.id}: ${a.reason ?? 'not ok'}`);
  const refused = (parsed.refusedReplies ?? []).map((r) => `reply to ${r.to}${r.caseId === null ? '' : ` (case ${r.caseId})`} refused by the mail server: ${r.error ?? 'no reason given'}`);
  return [...accounts, ...refused];
}

function reasonOf(err: unknown): string {
  if (err instanceof Error && err.name === 'TimeoutError') return `no answer within ${ANSWER_TIMEOUT_MS / 1000} s`;
  const cause = err instanceof Error ? (err.cause as NodeJS.ErrnoException | undefined) : undefined;
  return cause?.code ?? errorMessage(err);
}
