// Analysis is claimed by leases (issue 15), on both stores: two processes claiming at once get disjoint
// batches that together cover every pending message, each batch of few accounts (those a process syncs,
// else one); a claim whose owner is gone (not seen for a minute, its pid dead on this host, never
// registered) or that is older than ANALYSIS_CLAIM_MS is taken over, a live owner's never; a pass
// leaves no claim behind, even one a busy store interrupted, and never analyses what another live
// daemon claimed.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseConfigText } from '../../src/config/load.ts';
import { processPending } from '../../src/ingest/process.ts';
import { fixedClock } from '../../src/shared/clock.ts';
import { silentLogger } from '../../src/shared/log.ts';
import { StoreBusyError } from '../../src/store/errors.ts';
import { openStore, type Store, type StoreLocation } from '../../src/store/index.ts';
import { ANALYSIS_CLAIM_MS, claimForAnalysis, releaseClaims, storeRawMessages } from '../../src/store/messages.ts';
import { LEASE_MS } from '../../src/store/processes.ts';
import { STORE_DIALECTS, TestStores } from '../support/stores.ts';
import { makeTestDir } from '../support/tmp.ts';

const ACCOUNTS = ['jp', 'us', 'de'];

function mail(i: number): Buffer {
  return Buffer.from(`From: buyer${i}@example.com\r\nTo: shop@example.com\r\nSubject: question ${i}\r\nMessage-ID: <claim-${i}@example.com>\r\nDate: Mon, 23 Nov 2026 09:00:00 +0900\r\n\r\nbody ${i}\r\n`);
}

/** `n` pending messages, spread over the accounts in turn (as several mailboxes' mail arrives); their ids. */
async function storePending(db: Store['db'], n: number): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < n; i++) {
    const [ref] = await db.transaction().execute((trx) => storeRawMessages(trx, ACCOUNTS[i % ACCOUNTS.length]!, [{ bytes: mail(i), origin: `file:${i}.eml` }], 'in', new Date()));
    ids.push(ref!.id);
  }
  return ids;
}

/** A process of another host, last seen `ago` ms before now. */
async function register(db: Store['db'], id: string, ago = 0, host = 'other-host', pid = 4242): Promise<void> {
  const at = new Date(Date.now() - ago).toISOString();
  await db.insertInto('processes').values({ id, host, pid, role: 'daemon', started_at: at, seen_at: at }).execute();
}

describe.each(STORE_DIALECTS)('analysis claims on %s', (dialect) => {
  let stores: TestStores;
  let dir: string;
  let location: StoreLocation;
  let a: Store;
  let b: Store;

  beforeAll(async () => {
    stores = await TestStores.start(dialect);
  }, 60_000);
  afterAll(async () => {
    await stores?.stop();
  });
  beforeEach(async () => {
    dir = makeTestDir('kotae-claims-');
    location = await stores.fresh(join(dir, 'data'));
    // Two handles on one store, as two daemons hold it (two connections, two pools).
    a = await openStore(location);
    b = await openStore(location);
    await register(a.db, 'host-a:1:aaaa');
    await register(a.db, 'host-b:2:bbbb');
  });
  afterEach(async () => {
    await a.close();
    await b.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives two processes claiming at once disjoint batches of one account each, covering every pending message', async () => {
    const ids = await storePending(a.db, 300);
    const got = { a: [] as number[], b: [] as number[] };
    for (;;) {
      const [x, y] = await Promise.all([claimForAnalysis(a.db, 40, { owner: 'host-a:1:aaaa' }), claimForAnalysis(b.db, 40, { owner: 'host-b:2:bbbb' })]);
      if (x.length === 0 && y.length === 0) break;
      for (const batch of [x, y]) expect(new Set(batch.map((r) => r.account_id)).size).toBeLessThanOrEqual(1);
      expect(x.map((r) => r.id)).toEqual([...x.map((r) => r.id)].sort((m, n) => m - n));
      got.a.push(...x.map((r) => r.id));
      got.b.push(...y.map((r) => r.id));
    }
    expect(got.a.filter((id) => got.b.includes(id))).toEqual([]);
    expect([...got.a, ...got.b].sort((m, n) => m - n)).toEqual(ids);
    expect(got.a.length).toBeGreaterThan(0);
    expect(got.b.length).toBeGreaterThan(0);
    const owners = await a.db.selectFrom('messages').select(['id', 'claimed_by']).execute();
    for (const row of owners) expect(row.claimed_by).toBe(got.a.includes(row.id) ? 'host-a:1:aaaa' : 'host-b:2:bbbb');
  });

  it('takes the messages of the mailboxes a process syncs first, then those of one other account', async () => {
    const ids = await storePending(a.db, 30);
    await a.db.insertInto('sync_holders').values([{ account_id: 'us', owner: 'host-a:1:aaaa', since: new Date().toISOString() }, { account_id: 'de', owner: 'host-a:1:aaaa', since: new Date().toISOString() }]).execute();
    const first = await claimForAnalysis(a.db, 100, { owner: 'host-a:1:aaaa' });
    expect(first.map((r) => r.id)).toEqual(ids.filter((_, i) => ACCOUNTS[i % 3] !== 'jp'));
    const second = await claimForAnalysis(a.db, 100, { owner: 'host-a:1:aaaa' });
    expect(second.map((r) => r.id)).toEqual(ids.filter((_, i) => ACCOUNTS[i % 3] === 'jp'));
    expect(await claimForAnalysis(a.db, 100, { owner: 'host-a:1:aaaa' })).toEqual([]);
  });

  it("takes over a claim whose owner is gone or that is too old, and never a live owner's", async () => {
    const ids = await storePending(a.db, 5 * 3);
    const ofAccount = (account: string) => ids.filter((_, i) => ACCOUNTS[i % ACCOUNTS.length] === account);
    const claimAccount = (account: string, owner: string, at = new Date()) =>
      a.db.updateTable('messages').set({ claimed_by: owner, claimed_at: at.toISOString() }).where('account_id', '=', account).execute();
    const claimAll = async () => {
      const taken: number[] = [];
      for (let batch; (batch = await claimForAnalysis(b.db, 100, { owner: 'host-b:2:bbbb' })).length; ) taken.push(...batch.map((r) => r.id));
      return taken.sort((m, n) => m - n);
    };
    // Not seen for over a minute; a pid of this host that has exited; never registered.
    await register(a.db, 'stale:3:cccc', LEASE_MS + 5_000);
    const deadPid = spawnSync(process.execPath, ['-e', '']).pid;
    await register(a.db, `${hostname()}:${deadPid}:dddd`, 0, hostname(), deadPid);
    await claimAccount('jp', 'stale:3:cccc');
    await claimAccount('us', `${hostname()}:${deadPid}:dddd`);
    await claimAccount('de', 'gone:6:ffff');
    expect(await claimAll()).toEqual(ids);

    // A live owner's claim is kept until it is older than the bound.
    await register(a.db, 'live:5:eeee');
    await releaseClaims(a.db, undefined, 'host-b:2:bbbb');
    await claimAccount('jp', 'live:5:eeee');
    await claimAccount('us', 'live:5:eeee', new Date(Date.now() - ANALYSIS_CLAIM_MS - 1_000));
    expect(await claimAll()).toEqual([...ofAccount('us'), ...ofAccount('de')].sort((m, n) => m - n));
  });

  const ctx = (store: Store) => ({ config: parseConfigText('dataDir: ./data\n', join(dir, 'kotae.config.yaml')), db: store.db, clock: fixedClock('2026-11-23T00:00:00Z'), log: silentLogger });

  it('processes what is free, leaves what a live daemon claimed, and keeps no claim of its own', async () => {
    const ids = await storePending(a.db, 12);
    const theirs = (await claimForAnalysis(b.db, 3, { owner: 'host-b:2:bbbb' })).map((r) => r.id);
    const result = await processPending(ctx(a));
    expect(result).toEqual({ processed: 9, failed: 0, quarantined: 0 });
    const rows = await a.db.selectFrom('messages').select(['id', 'state', 'claimed_by']).orderBy('id').execute();
    expect(rows).toEqual(ids.map((id) => (theirs.includes(id) ? { id, state: 'pending', claimed_by: 'host-b:2:bbbb' } : { id, state: 'processed', claimed_by: null })));
  });

  it('gives back the claims of a pass a busy store interrupted: another daemon takes them at once', async () => {
    const ids = await storePending(a.db, 6);
    const busy = async () => {
      throw new StoreBusyError('store', 'the store is busy');
    };
    await expect(processPending(ctx(a), [busy])).rejects.toBeInstanceOf(StoreBusyError);
    const rows = await a.db.selectFrom('messages').select(['state', 'tries', 'claimed_by']).execute();
    expect(rows.every((r) => r.state === 'pending' && r.tries === 0 && r.claimed_by === null)).toBe(true);
    const taken: number[] = [];
    for (let batch; (batch = await claimForAnalysis(b.db, 100, { owner: 'host-b:2:bbbb' })).length; ) taken.push(...batch.map((r) => r.id));
    expect(taken.sort((m, n) => m - n)).toEqual(ids);
  });
});
