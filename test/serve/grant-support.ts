// Checks shared by the tests of access grants (src/serve/grant.ts) in the URL path of protected pages.
import { expect } from 'vitest';
import { GRANT_SEGMENT } from '../../src/serve/grant.ts';

/**
 * Expects `location` to be `/p/<id>/<grant>/<rest>` (rest with its query) with a well-formed grant segment;
 * returns the grant.
 */
export function expectGrantLocation(location: string | undefined, id: string, rest: string): string {
  expect(location, 'a Location header').toBeDefined();
  const prefix = `/p/${id}/`;
  expect(location!.startsWith(prefix), location).toBe(true);
  const after = location!.slice(prefix.length);
  const slash = after.indexOf('/');
  expect(slash, location).toBeGreaterThan(0);
  const grant = after.slice(0, slash);
  expect(grant).toMatch(GRANT_SEGMENT);
  expect(after.slice(slash + 1), location).toBe(rest);
  return grant;
}
