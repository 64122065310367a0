// 007: several daemons analyse disjoint batches. A pending message taken for analysis names the process
// that took it and when (claimForAnalysis); a claim whose owner is gone, or that is too old, is taken
// over. Processing stays a compare-and-set on state = 'pending', so a lost claim never writes twice.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // One column per statement: SQLite adds a single column per ALTER TABLE.
  await db.schema.alterTable('messages').addColumn('claimed_by', 'text').execute();
  await db.schema.alterTable('messages').addColumn('claimed_at', 'text').execute();
}
