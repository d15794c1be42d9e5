// One embedded engine per test file; each test that needs isolation takes a fresh database from it.
import { afterAll, beforeAll } from 'vitest';
import type { Db, MongoClient } from 'mongodb';
import { openDatabase, type Database } from '../../src/db.ts';

export interface TestDatabases {
  readonly client: MongoClient;
  /** A new, empty database, prepared by `prepare` (e.g. its indexes created). */
  fresh(): Promise<Db>;
}

export function useFreshDatabases(prefix: string, prepare: (db: Db) => Promise<void>): TestDatabases {
  let database: Database | undefined;
  let counter = 0;
  beforeAll(async () => {
    database = await openDatabase({ dataDir: '', inMemory: true });
  });
  afterAll(async () => {
    await database?.close();
  });
  const current = () => {
    if (!database) throw new Error('useFreshDatabases(): only available inside tests and hooks');
    return database;
  };
  return {
    get client() {
      return current().client;
    },
    async fresh() {
      const db = current().client.db(`${prefix}${counter++}`);
      await prepare(db);
      return db;
    },
  };
}
