// Statements compiled once per shape (src/store/compiled.ts) must bind each call's own values: two
// calls of one shape with different values, patches with different columns, and the `is null`
// branch of a look-up, against a real SQLite store.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/store/index.ts';
import { createCase, findOrderCase, getCase, updateCase } from '../../src/store/cases.ts';

const at = '2026-11-01T00:00:00.000Z';
const opening = (orderId: string, marketplace: string | null) => ({
  account_id: 'jp', kind: 'order' as const, marketplace, order_id: orderId, support_case_id: null, buyer_alias: null, buyer_name: null,
  language: null, subject: `order ${orderId}`, status: 'open' as const, reply_by: null, opened_at: at, updated_at: at,
  last_inbound_at: null, last_outbound_at: null, amazon_answers: 0, previous_support_case_id: null,
});

describe('statements compiled once', () => {
  let store: Store;
  beforeEach(async () => {
    store = await openStore(':memory:');
  });
  afterEach(async () => {
    await store.close();
  });

  it('binds each call its own values', async () => {
    const a = await createCase(store.db, opening('250-1111111-1111111', 'JP'));
    const b = await createCase(store.db, opening('250-2222222-2222222', 'JP'));
    expect(b).not.toBe(a);
    expect((await findOrderCase(store.db, 'jp', 'JP', '250-2222222-2222222'))?.id).toBe(b);
    expect((await findOrderCase(store.db, 'jp', 'JP', '250-1111111-1111111'))?.id).toBe(a);
    expect(await findOrderCase(store.db, 'us', 'JP', '250-1111111-1111111')).toBeUndefined();
  });

  it('keeps one compiled statement per set of columns', async () => {
    const id = await createCase(store.db, opening('250-3333333-3333333', 'JP'));
    await updateCase(store.db, id, { status: 'awaiting_seller' });
    await updateCase(store.db, id, { subject: 'changed', reply_by: '2026-11-02T00:00:00.000Z' });
    await updateCase(store.db, id, { status: 'resolved' });
    expect(await getCase(store.db, id)).toMatchObject({ status: 'resolved', subject: 'changed', reply_by: '2026-11-02T00:00:00.000Z' });
  });

  it('tells a case without a marketplace from one with', async () => {
    const none = await createCase(store.db, opening('250-4444444-4444444', null));
    const jp = await createCase(store.db, opening('250-4444444-4444444', 'JP'));
    expect((await findOrderCase(store.db, 'jp', null, '250-4444444-4444444'))?.id).toBe(none);
    expect((await findOrderCase(store.db, 'jp', 'JP', '250-4444444-4444444'))?.id).toBe(jp);
  });
});
