// GET /api/instance (getInstance): what a signed-out visitor (the web app's sign-up form) learns of the instance.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { signupAndLogin } from '../support/outpost.ts';
import { PASSWORD, signupAdmin, useOutpost } from './helpers.ts';

const VERSION = JSON.parse(fs.readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version as string;

describe('an invite-only instance (PUBLIC_URL https, UPLOAD_LIMIT_MB=5, USER_QUOTA_MB=20)', () => {
  const t = useOutpost({ PUBLIC_URL: 'https://pages.example.test/', UPLOAD_LIMIT_MB: '5', USER_QUOTA_MB: '20' });

  it('says first_account while it has no account, then invitation', async () => {
    const empty = await t.outpost.api('/api/instance');
    expect(empty.status).toBe(200);
    expect(empty.body).toEqual({
      version: VERSION,
      public_url: 'https://pages.example.test',
      mcp_url: 'https://pages.example.test/mcp',
      docs_url: 'https://pages.example.test/docs',
      signup: 'first_account',
      invitation_required: false,
      limits: { max_upload_bytes: 5 * 1024 * 1024, user_quota_bytes: 20 * 1024 * 1024 },
    });

    await signupAdmin(t.outpost);
    const later = await t.outpost.api('/api/instance');
    expect(later.body.signup).toBe('invitation');
    expect(later.body.invitation_required).toBe(true);
  });
});

describe('an open instance', () => {
  const t = useOutpost({ SIGNUP_MODE: 'open' });

  it('says first_account, then open; it needs no credential and ignores a bad one', async () => {
    expect((await t.outpost.api('/api/instance', { token: 'garbage' })).body.signup).toBe('first_account');
    await signupAndLogin(t.outpost, 'first@example.com', PASSWORD);
    const res = await t.outpost.api('/api/instance', { headers: { cookie: 'outpost_session=whatever' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ signup: 'open', invitation_required: false, public_url: t.outpost.app.config.publicUrl });
  });
});
