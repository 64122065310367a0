// Forward-only migrations, run at every start-up. A database written by an older kotae is brought
// up to date in place; there are no down migrations (a seller's store is never rolled back).
import type { Kysely } from 'kysely';
import { Migrator, type Migration } from 'kysely/migration';
import { KotaeError } from '../shared/errors.ts';
import { StoreError } from './errors.ts';
import * as m001 from './migrations/001-mail.ts';
import * as m002 from './migrations/002-cases.ts';
import * as m003 from './migrations/003-replies.ts';
import * as m004 from './migrations/004-attachments-in-raw.ts';
import * as m005 from './migrations/005-pending-mailbox-changes.ts';
import * as m006 from './migrations/006-claims.ts';
import * as m007 from './migrations/007-analysis-claims.ts';

export const migrations: Record<string, Migration> = {
  '001-mail': m001,
  '002-cases': m002,
  '003-replies': m003,
  '004-attachments-in-raw': m004,
  '005-pending-mailbox-changes': m005,
  '006-claims': m006,
  '007-analysis-claims': m007,
};

export const LATEST_MIGRATION = Object.keys(migrations).at(-1)!;

export async function migrate(db: Kysely<any>, target: string = LATEST_MIGRATION): Promise<string[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results } = target === LATEST_MIGRATION ? await migrator.migrateToLatest() : await migrator.migrateTo(target);
  if (error) {
    // A busy, damaged, read-only or full store says so itself; the migration is not at fault.
    if (error instanceof StoreError) throw error;
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new KotaeError(`database migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`, {
      hint: 'The database was left as it was before this migration. Restore data/ from a backup or report the error.',
      cause: error,
    });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
