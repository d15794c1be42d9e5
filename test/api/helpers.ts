// Shared helpers for the REST suite: one real Outpost per test file (loopback only), common
// credentials, and assertions on the error shapes openapi.yaml documents.
import { afterAll, beforeAll, expect } from 'vitest';
import { operations, type OperationId } from '../../src/generated/operations.ts';
import { signupAndLogin, startTestOutpost, type TestOutpost } from '../support/outpost.ts';

export const PASSWORD = 'correct horse battery';
export const SIGNUP_REJECTED = 'Sign-up failed: check the email, password and invitation code.';
export const MISSING_AUTH = 'Missing or invalid Authorization header';

/** RFC 3339 UTC with whole seconds, as the API writes timestamps. */
export const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
export const API_TOKEN = /^op_[A-Za-z0-9_-]{43,}$/;
export const INVITATION_CODE = /^inv_[A-Za-z0-9_-]{32}$/;

export type Response = Awaited<ReturnType<TestOutpost['api']>>;

/**
 * Starts one Outpost for the file (beforeAll) and stops it afterwards. The returned object reads the
 * running instance lazily, so it can be created at module level.
 */
export function useOutpost(env: Record<string, string> = {}): { readonly outpost: TestOutpost } {
  let outpost: TestOutpost | undefined;
  beforeAll(async () => {
    outpost = await startTestOutpost(env);
    expect(new URL(outpost.url).hostname).toBe('127.0.0.1');
  });
  afterAll(async () => {
    await outpost?.stop();
  });
  return {
    get outpost() {
      if (!outpost) throw new Error('useOutpost(): only available inside tests and hooks');
      return outpost;
    },
  };
}

export interface Account {
  token: string;
  user: { id: string; email: string; admin: boolean };
}

/** The first account of a fresh instance: an administrator. */
export async function signupAdmin(outpost: TestOutpost, email = 'admin@example.com'): Promise<Account> {
  const account = await signupAndLogin(outpost, email, PASSWORD);
  expect(account.user.admin).toBe(true);
  return account;
}

export async function createInvitationCode(outpost: TestOutpost, adminToken: string, body?: unknown): Promise<string> {
  const res = await outpost.api('/api/invitations', { method: 'POST', token: adminToken, body });
  expect(res.status).toBe(201);
  expect(res.body.code).toMatch(INVITATION_CODE);
  return res.body.code as string;
}

/** A non-admin account, signed up with a fresh invitation from `adminToken`. */
export async function signupInvited(outpost: TestOutpost, adminToken: string, email: string): Promise<Account> {
  const code = await createInvitationCode(outpost, adminToken);
  const account = await signupAndLogin(outpost, email, PASSWORD, code);
  expect(account.user.admin).toBe(false);
  return account;
}

export async function createApiToken(outpost: TestOutpost, sessionToken: string, body: unknown = { name: 'test client' }) {
  const res = await outpost.api('/api/tokens', { method: 'POST', token: sessionToken, body });
  expect(res.status).toBe(201);
  expect(res.body.token).toMatch(API_TOKEN);
  return res.body as { id: string; name: string; scopes: string[]; created_at: string; last_used_at: null; token: string };
}

/** An error response: exact status, the Boom status text, and optionally the exact message. */
export function expectError(res: Response, status: number, error: string, message?: string | RegExp): void {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  expect(res.body.statusCode).toBe(status);
  expect(res.body.error).toBe(error);
  expect(typeof res.body.message).toBe('string');
  if (typeof message === 'string') expect(res.body.message).toBe(message);
  else if (message) expect(res.body.message).toMatch(message);
}

/** A 400 validation error naming `source` and exactly `keys` (in any order). */
export function expectValidation(res: Response, source: 'params' | 'query' | 'payload' | 'headers', keys: string[], message?: string | RegExp): void {
  expectError(res, 400, 'Bad Request', message);
  expect(res.body.validation).toBeDefined();
  expect(res.body.validation.source).toBe(source);
  expect([...res.body.validation.keys].sort()).toEqual([...keys].sort());
}

/** A 401 with a Bearer challenge. */
export function expectUnauthorized(res: Response, message: string): void {
  expectError(res, 401, 'Unauthorized', message);
  expect(res.headers.get('www-authenticate')).toMatch(/^Bearer /);
}

/** The statuses openapi.yaml declares for an operation. */
export function declaredStatuses(id: OperationId): string[] {
  return Object.keys(operations[id].responses);
}

/** Seconds between two API timestamps. */
export function secondsBetween(from: string, to: string): number {
  return (Date.parse(to) - Date.parse(from)) / 1000;
}
