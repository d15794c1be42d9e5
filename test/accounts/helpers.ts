// One embedded engine per test file; each test that needs isolation takes a fresh database from it.
import { ensureAccountIndexes } from '../../src/accounts/indexes.ts';
import { useFreshDatabases, type TestDatabases } from '../support/fresh-db.ts';

/** A new, empty database per call to fresh(), with the accounts indexes in place. */
export type AccountsTestDb = TestDatabases;

export function useAccountsDb(): AccountsTestDb {
  return useFreshDatabases('accounts_t', ensureAccountIndexes);
}
