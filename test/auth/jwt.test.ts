import { hkdfSync } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { decodeJwt, decodeProtectedHeader, SignJWT } from 'jose';
import { deriveKeys } from '../../src/auth/keys.ts';
import { issueSessionToken, MAX_CLOCK_SKEW_SECONDS, verifySessionToken } from '../../src/auth/jwt.ts';
import { signupAndLogin, startTestOutpost, type TestOutpost } from '../support/outpost.ts';

const key = deriveKeys('a-test-instance-secret-of-32-chars!!').signing;
const otherKey = deriveKeys('another-instance-secret-of-32-chars!').signing;
const claims = { userId: 'usr_abc123', email: 'ada@example.com', admin: true };

afterEach(() => {
  vi.useRealTimers();
});

describe('session tokens', () => {
  it('issues an HS256 token with the documented claims and verifies it', async () => {
    const before = Math.floor(Date.now() / 1000);
    const { token, expiresAt } = await issueSessionToken(key, claims, 600);
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'HS256', typ: 'JWT' });
    const payload = decodeJwt(token);
    expect(payload.iss).toBe('outpost');
    expect(payload.aud).toBe('outpost-api');
    expect(payload.sub).toBe('usr_abc123');
    expect(payload.email).toBe('ada@example.com');
    expect(payload.admin).toBe(true);
    expect(typeof payload.jti).toBe('string');
    expect(payload.exp! - payload.iat!).toBe(600);
    expect(payload.iat!).toBeGreaterThanOrEqual(before);
    expect(expiresAt.getTime()).toBe(payload.exp! * 1000);

    const verified = await verifySessionToken(key, token);
    expect(verified).toEqual({ userId: 'usr_abc123', tokenId: payload.jti, expiresAt });
  });

  it('defaults to a one-hour lifetime and a fresh jti per token', async () => {
    const a = await issueSessionToken(key, claims);
    const b = await issueSessionToken(key, claims);
    const pa = decodeJwt(a.token);
    expect(pa.exp! - pa.iat!).toBe(3600);
    expect(pa.jti).not.toBe(decodeJwt(b.token).jti);
  });

  it('rejects an expired token', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(Date.now() - 2 * 3600 * 1000));
    const { token, expiresAt } = await issueSessionToken(key, claims, 60);
    vi.useRealTimers();
    expect(expiresAt.getTime()).toBeLessThan(Date.now());
    expect(await verifySessionToken(key, token)).toBeNull();
  });

  it('rejects a token issued in the future beyond the clock skew, accepts one within it', async () => {
    const now = Math.floor(Date.now() / 1000);
    const issuedAt = (iat: number) =>
      new SignJWT({})
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuer('outpost')
        .setAudience('outpost-api')
        .setSubject('usr_x')
        .setJti('j')
        .setIssuedAt(iat)
        .setExpirationTime(iat + 3600)
        .sign(key);
    expect(await verifySessionToken(key, await issuedAt(now + 3600))).toBeNull();
    expect(await verifySessionToken(key, await issuedAt(now + MAX_CLOCK_SKEW_SECONDS + 5))).toBeNull();
    expect(await verifySessionToken(key, await issuedAt(now + MAX_CLOCK_SKEW_SECONDS - 5))).toMatchObject({ userId: 'usr_x' });
    expect(await verifySessionToken(key, await issuedAt(now))).toMatchObject({ userId: 'usr_x' });
  });

  it('rejects a tampered token', async () => {
    const { token } = await issueSessionToken(key, { ...claims, admin: false });
    const [header, payload, signature] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ ...decodeJwt(token), sub: 'usr_someoneelse' })).toString('base64url');
    expect(await verifySessionToken(key, `${header}.${forged}.${signature}`)).toBeNull();
    const flipped = signature.slice(0, -2) + (signature.at(-2) === 'A' ? 'B' : 'A') + signature.at(-1);
    expect(await verifySessionToken(key, `${header}.${payload}.${flipped}`)).toBeNull();
    expect(await verifySessionToken(key, `${header}.${payload}.`)).toBeNull();
  });

  it('rejects a token signed with another key', async () => {
    const { token } = await issueSessionToken(otherKey, claims);
    expect(await verifySessionToken(otherKey, token)).not.toBeNull();
    expect(await verifySessionToken(key, token)).toBeNull();
  });

  it('rejects wrong issuer, wrong audience, alg none and missing claims', async () => {
    const base = () => new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('usr_x').setJti('j').setIssuedAt().setExpirationTime('1h');
    expect(await verifySessionToken(key, await base().setIssuer('evil').setAudience('outpost-api').sign(key))).toBeNull();
    expect(await verifySessionToken(key, await base().setIssuer('outpost').setAudience('other').sign(key))).toBeNull();
    const noExp = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('usr_x')
      .setJti('j')
      .setIssuedAt()
      .setIssuer('outpost')
      .setAudience('outpost-api')
      .sign(key);
    expect(await verifySessionToken(key, noExp)).toBeNull();
    const unsigned = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(
      JSON.stringify({ iss: 'outpost', aud: 'outpost-api', sub: 'usr_x', jti: 'j', iat: 1, exp: 4102444800 }),
    ).toString('base64url')}.`;
    expect(await verifySessionToken(key, unsigned)).toBeNull();
    // The same claims correctly signed do verify, so the rejections above are about what was changed.
    expect(await verifySessionToken(key, await base().setIssuer('outpost').setAudience('outpost-api').sign(key))).toMatchObject({ userId: 'usr_x' });
  });

  it('returns null, never throws, for garbage input', async () => {
    for (const garbage of ['', 'abc', 'a.b.c', 'op_notajwt', 'x'.repeat(10_000), null, undefined, 42]) {
      expect(await verifySessionToken(key, garbage as unknown as string)).toBeNull();
    }
  });
});

describe('session tokens over HTTP', () => {
  let outpost: TestOutpost;
  let user: { id: string; email: string; admin: boolean };
  beforeAll(async () => {
    outpost = await startTestOutpost();
    ({ user } = await signupAndLogin(outpost, 'future@example.com'));
  });
  afterAll(() => outpost?.stop());

  it("one from the future is refused with 401 Invalid token, like any invalid token, though the server's own key signed it", async () => {
    const sign = (iat: number) =>
      new SignJWT({ email: user.email, admin: user.admin })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setIssuer('outpost')
        .setAudience('outpost-api')
        .setSubject(user.id)
        .setJti(`j${iat}`)
        .setIssuedAt(iat)
        .setExpirationTime(iat + 3600)
        .sign(outpost.app.keys.signing);
    const now = Math.floor(Date.now() / 1000);
    const future = await outpost.api('/api/me', { token: await sign(now + 24 * 3600) });
    expect(future.status).toBe(401);
    expect(future.body.message).toBe('Invalid token');
    // The same token issued now is accepted: the refusal is about the issue time alone.
    const present = await outpost.api('/api/me', { token: await sign(now) });
    expect(present.status).toBe(200);
    expect(present.body.user.id).toBe(user.id);
  });

  it('one signed with the key as earlier versions derived it from SECRET_KEY is still accepted (sessions survive upgrades)', async () => {
    const earlierKey = new Uint8Array(hkdfSync('sha256', outpost.app.config.secretKey, 'outpost/hkdf-salt/v1', 'outpost/jwt-signing/v1', 32));
    const now = Math.floor(Date.now() / 1000);
    const token = await new SignJWT({ email: user.email, admin: user.admin })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer('outpost')
      .setAudience('outpost-api')
      .setSubject(user.id)
      .setJti('earlier-version')
      .setIssuedAt(now)
      .setExpirationTime(now + 3600)
      .sign(earlierKey);
    const me = await outpost.api('/api/me', { token });
    expect(me.status).toBe(200);
    expect(me.body.user.id).toBe(user.id);
  });
});
