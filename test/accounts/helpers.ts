// One embedded engine per test file; each test that needs isolation takes a fresh database from it.
import { afterAll, beforeAll } from 'vitest';
import type { Db, MongoClient } from 'mongodb';
import { openDatabase, type Database } from '../../src/db.ts';
import { ensureAccountIndexes } from '../../src/accounts/indexes.ts';

export interface AccountsTestDb {
  readonly client: MongoClient;
  /** A new, empty database with the accounts indexes in place. */
  fresh(): Promise<Db>;
}

export function useAccountsDb(): AccountsTestDb {
  let database: Database | undefined;
  let counter = 0;
  beforeAll(async () => {
    database = await openDatabase({ dataDir: '', inMemory: true });
  });
  afterAll(async () => {
    await database?.close();
  });
  const current = () => {
    if (!database) throw new Error('useAccountsDb(): only available inside tests and hooks');
    return database;
  };
  return {
    get client() {
      return current().client;
    },
    async fresh() {
      const db = current().client.db(`accounts_t${counter++}`);
      await ensureAccountIndexes(db);
      return db;
    },
  };
}
