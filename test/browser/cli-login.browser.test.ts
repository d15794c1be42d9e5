// `outpost login` as a person meets it: the command prints the authorization URL (its built-in public client
// `outpost-cli`, PKCE, a loopback redirect on a port of its own), the signed-in person allows it in the web
// app, the code reaches the command's listener, and the command stores the tokens (0600) and uses them;
// an expired access token is refreshed; logout revokes the grant.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliHome, runCli, startCli, type CliHome } from '../cli/run-cli.ts';
import { HAVE_CHROMIUM, suiteTitle } from './chromium.ts';
import { signUpInApp, startWebApp, type WebApp } from './webapp.ts';

describe.skipIf(!HAVE_CHROMIUM)(suiteTitle('outpost login in the browser'), () => {
  let app: WebApp;
  let home: CliHome;

  beforeAll(async () => {
    app = await startWebApp();
    home = cliHome();
  });
  afterAll(async () => {
    await app?.close();
    home?.remove();
  });

  it('login, consent in the web app, tokens stored and refreshed, logout revokes', async () => {
    const page = await (await app.newContext()).newPage();
    await signUpInApp(page, app.server, 'owner@example.com');

    // Named by another address than its PUBLIC_URL (127.0.0.1, not localhost): the token is still asked for
    // the resource the server's metadata names.
    const typed = app.outpost.url;
    expect(typed).not.toBe(app.server);
    const login = startCli(['login', typed, '--no-browser'], { env: home.env });
    let stderr = '';
    login.child.stderr!.on('data', (chunk: string) => (stderr += chunk));
    await expect.poll(() => /^http:\S+\/oauth\/authorize\?\S+$/m.test(stderr), { timeout: 10_000 }).toBe(true);
    const authorize = new URL(stderr.match(/^(http:\S+\/oauth\/authorize\?\S+)$/m)![1]);
    expect(authorize.searchParams.get('client_id')).toBe('outpost-cli');
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('redirect_uri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);

    // Another page poking the listener with a state of its own is turned away; the sign-in goes on.
    const forged = await fetch(`${authorize.searchParams.get('redirect_uri')}?state=forged&code=stolen`);
    expect(forged.status).toBe(400);

    await page.goto(authorize.href);
    await page.getByRole('heading', { name: 'Allow Outpost command line to use your Outpost?' }).waitFor();
    await page.getByRole('button', { name: 'Allow' }).click();
    await page.getByText('Signed in. You can close this tab and return to the terminal.').waitFor();
    const result = await login.done;
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`Signed in to ${typed} as owner@example.com\n`);

    expect(fs.statSync(home.credentialFile).mode & 0o777).toBe(0o600);
    const stored = JSON.parse(fs.readFileSync(home.credentialFile, 'utf8'));
    const credential = stored.servers[typed];
    expect(stored.current).toBe(typed);
    expect(credential).toMatchObject({ kind: 'oauth', email: 'owner@example.com' });
    expect(credential.refresh_token).toBeTruthy();

    const whoami = await runCli(['whoami', '--json'], { env: home.env });
    expect(JSON.parse(whoami.stdout)).toMatchObject({ user: { email: 'owner@example.com' }, auth: { kind: 'oauth', scopes: ['pages:read', 'pages:write'] } });

    // An access token about to expire is exchanged for a new one with the refresh token first.
    fs.writeFileSync(home.credentialFile, JSON.stringify({ ...stored, servers: { [typed]: { ...credential, expires_at: Date.now() } } }));
    const refreshed = await runCli(['whoami'], { env: home.env });
    expect(refreshed.code).toBe(0);
    const after = JSON.parse(fs.readFileSync(home.credentialFile, 'utf8')).servers[typed];
    expect(after.token).not.toBe(credential.token);
    expect(after.refresh_token).not.toBe(credential.refresh_token);
    expect(after.expires_at).toBeGreaterThan(Date.now());

    const logout = await runCli(['logout', '--json'], { env: home.env });
    expect(JSON.parse(logout.stdout)).toEqual({ server: typed, signed_out: true, revoked: true });
    const revoked = await fetch(`${app.server}/api/me`, { headers: { authorization: `Bearer ${after.token}` } });
    expect(revoked.status).toBe(401);
  });
});
