// `kotae once` after a backlog, with a reply to draft: it gives back what the backlog left by starting
// afresh before drafting (src/daemon/fresh-start.ts), so the Japanese reader the draft loads is not added
// on top; the new image drafts and reports the whole cycle.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runKotae } from '../support/child.ts';
import { Dovecot, skipWithoutDovecot } from '../support/dovecot.ts';
import { generateMessages } from '../support/generate.ts';
import { PASSWORD_ENV, configObject } from '../support/harness.ts';
import { buyerMessage } from '../support/mail.ts';
import { makeTestDir } from '../support/tmp.ts';

const OLD = 600;

describe.skipIf(skipWithoutDovecot())('kotae once starting afresh before drafting', () => {
  let server: Dovecot;
  let tmp: string;

  beforeAll(async () => {
    server = await Dovecot.start([{ user: 'shop@example.com', password: 'secret' }]);
    tmp = makeTestDir('kotae-once-afresh-');
  });

  afterAll(async () => {
    await server?.stop();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('drafts in a fresh image after a backlog, and reports what both parts did', { timeout: 240_000 }, async () => {
    // A seller's history (months old: nothing to draft) and one buyer message that came just now.
    await server.deliver(generateMessages(OLD, { seed: 31, attachmentRatio: 0.05, start: new Date('2025-03-01T00:00:00Z') }), 'INBOX', undefined, { dated: true });
    const buyer = await buyerMessage();
    await server.deliver([buyer.raw]);
    const dir = join(tmp, 'shop');
    mkdirSync(dir, { recursive: true });
    const configFile = join(dir, 'kotae.config.yaml');
    // Any size and any growth count here (the defaults are 150 MB and 32 MB more than at start): how much a
    // backlog leaves depends on the machine and its load.
    writeFileSync(configFile, JSON.stringify({ ...configObject({ dataDir: join(dir, 'data'), port: server.port, user: 'shop@example.com' }), memory: { freshStartAboveMb: 1, freshStartGrowthMb: 1 } }, null, 2));

    // A compile cache of the test's own: the new image's, inside the first start's folder, is filled before it starts.
    const cache = join(tmp, 'compile-cache');
    const once = await runKotae(['once', '--config', configFile, '--json'], { env: { [PASSWORD_ENV]: 'secret', KOTAE_LOG_LEVEL: 'info', NODE_COMPILE_CACHE: cache }, timeoutMs: 200_000 });
    expect(once.code, once.stderr).toBe(0);
    const lines = once.stderr.split('\n').filter((l) => l.startsWith('{'));
    const afresh = lines.find((l) => l.includes('starting afresh to give its memory back before drafting'));
    expect(afresh, once.stderr).toBeDefined();
    const figures = JSON.parse(afresh!) as { residentMb: number; residentAtStartMb: number };
    expect(figures.residentMb).toBeGreaterThan(figures.residentAtStartMb + 1);
    const filled = lines.findIndex((l) => l.includes('compile cache for the fresh start filled'));
    expect(filled, once.stderr).toBeGreaterThan(lines.indexOf(afresh!));
    const [firstStart] = readdirSync(cache);
    // Threads of the first start keep theirs in a folder of the same name (same flags); the new image's has its own.
    const freshStartFolder = readdirSync(join(cache, firstStart!), { withFileTypes: true }).find((e) => e.isDirectory() && e.name !== firstStart);
    expect(readdirSync(join(cache, firstStart!, freshStartFolder!.name)).length).toBeGreaterThan(100);

    // One report, on stdout, from the new image: the sync and analysis of the first part, the draft of the second.
    const report = JSON.parse(once.stdout) as { accounts: { sync: { stored: number } }[]; process: { processed: number }; respond: { drafted: number; automatic: number; notified: number }; draftingDeferred?: boolean };
    expect(report.accounts[0]!.sync.stored).toBe(OLD + 1);
    expect(report.process.processed).toBe(OLD + 1);
    expect(report.respond.drafted + report.respond.automatic + report.respond.notified).toBe(1);
    expect(report.draftingDeferred).toBeUndefined();
    expect(once.stdout.trim().split('\n')).toHaveLength(1);
  });
});
