// 004: attachment bytes live only in the raw mail. The store kept a second, decoded copy of each
// attachment (up to a size cap) that nothing read; it doubled the bytes a backfill writes. The
// attachment rows keep their metadata (name, type, size, hash).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('attachments').dropColumn('content').execute();
}
