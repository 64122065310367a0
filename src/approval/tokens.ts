// Approval tokens: 130 random bits per draft revision and approver, single use, with an expiry. Only
// a hash is stored, so a leaked database does not leak working tokens.
import { sha256Hex, randomBase32 } from '../shared/ids.ts';
import type { Db } from '../store/index.ts';
import type { ApprovalTokenRow } from '../store/schema.ts';

export const TOKEN_LENGTH = 26;

export function newToken(): string {
  return randomBase32(TOKEN_LENGTH);
}

export function tokenHash(token: string): string {
  return sha256Hex(`kotae-approval:${token.toLowerCase()}`);
}

export async function storeToken(db: Db, token: string, values: Omit<ApprovalTokenRow, 'token_hash' | 'used_at'>): Promise<void> {
  await db.insertInto('approval_tokens').values({ ...values, token_hash: tokenHash(token), used_at: null }).execute();
}

export async function findToken(db: Db, token: string): Promise<ApprovalTokenRow | undefined> {
  return db.selectFrom('approval_tokens').selectAll().where('token_hash', '=', tokenHash(token)).executeTakeFirst();
}

/** Consume a token; false when it was already used (a second reply, a replay). */
export async function useToken(db: Db, token: string, at: Date): Promise<boolean> {
  const res = await db.updateTable('approval_tokens').set({ used_at: at.toISOString() }).where('token_hash', '=', tokenHash(token)).where('used_at', 'is', null).executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** The Reply-To of an approval mail: the configured pattern, or the account address plus-tagged. */
export function replyAddress(accountAddress: string, pattern: string | undefined, token: string): string {
  if (pattern) return pattern.replace('{token}', `kotae-${token}`);
  const at = accountAddress.lastIndexOf('@');
  return `${accountAddress.slice(0, at)}+kotae-${token}${accountAddress.slice(at)}`;
}
