// login, logout, whoami.
import { text } from 'node:stream/consumers';
import { createClient, OutpostError, unwrap } from '@outpost/sdk';
import { openInBrowser } from '../browser.ts';
import type { Command } from '../command.ts';
import { credentialFor, removeCredential, saveCredential, serverKey } from '../credentials.ts';
import { browserSignIn, revoke } from '../oauth.ts';
import { CliError } from '../output.ts';
import { chosenServer, credentialFromTokens, signedIn } from '../session.ts';

async function whoIs(server: string, token: string) {
  try {
    return await unwrap(createClient({ baseUrl: server, token }).GET('/api/me'));
  } catch (error) {
    if (error instanceof OutpostError && error.statusCode === 401) throw new CliError(`${server} refused the token: ${error.message}`, { cause: error });
    throw error;
  }
}

export const login: Command = {
  usage: 'login [URL] [--token op_…|-] [--no-browser]',
  summary: 'Sign in to a server: in the browser, or with an API token',
  options: { token: { type: 'string' }, 'no-browser': { type: 'boolean', default: false } },
  maxPositionals: 1,
  async run({ server: flag, values, positionals, out }) {
    const named = positionals[0] ?? flag ?? chosenServer(undefined);
    if (!named) throw new CliError('Name the server: `outpost login https://outpost.example.com`');
    const server = serverKey(named);
    // `--token -` reads it from stdin, keeping it out of the shell's history and of `ps`.
    const token = values.token === '-' ? (await text(process.stdin)).trim() : (values.token as string | undefined);
    if (token !== undefined) {
      if (!/^op_[A-Za-z0-9_-]+$/.test(token)) throw new CliError('--token takes an API token (op_…), as Settings → API tokens shows it once');
      const me = await whoIs(server, token);
      saveCredential(server, { token, kind: 'api_token', email: me.user.email });
      out.result({ server, email: me.user.email, kind: 'api_token' }, `Signed in to ${server} as ${out.bold(me.user.email)} (API token)`);
      return;
    }
    const tokens = await browserSignIn(server, async (url) => {
      // stderr always carries the URL, so a sign-in works where no browser opens (SSH, containers).
      process.stderr.write(`Open this address to sign in:\n${url}\n`);
      if (!values['no-browser']) await openInBrowser(url).catch((error: Error) => out.info(`Could not open a browser (${error.message})`));
    });
    const me = await whoIs(server, tokens.access_token);
    saveCredential(server, credentialFromTokens(tokens, me.user.email));
    out.result({ server, email: me.user.email, kind: 'oauth', scope: tokens.scope }, `Signed in to ${server} as ${out.bold(me.user.email)}`);
  },
};

export const logout: Command = {
  usage: 'logout',
  summary: "Forget this machine's sign-in to the server (a browser sign-in is revoked too)",
  maxPositionals: 0,
  async run({ server: flag, out }) {
    const server = chosenServer(flag);
    const credential = server ? credentialFor(server) : undefined;
    if (!server || !credential) {
      out.result({ server: server ?? null, signed_out: false }, 'Not signed in');
      return;
    }
    let revoked = false;
    if (credential.kind === 'oauth' && credential.refresh_token) {
      revoked = await revoke(server, credential.refresh_token).catch((error: Error) => {
        out.detail(`Could not revoke the sign-in: ${error.message}`);
        return false;
      });
    }
    removeCredential(server);
    const note = credential.kind === 'api_token' ? ' (the API token itself still works: revoke it in Settings if it should not)' : '';
    out.result({ server, signed_out: true, revoked }, `Signed out of ${server}${note}`);
  },
};

export const whoami: Command = {
  usage: 'whoami',
  summary: 'Show who you are signed in as, where',
  maxPositionals: 0,
  async run({ server: flag, out }) {
    const { server, client } = await signedIn(flag);
    const me = await unwrap(client.GET('/api/me'));
    out.result({ server, ...me }, [
      `${out.bold(me.user.email)} on ${server}`,
      `signed in with: ${me.auth.kind}${me.auth.scopes ? ` (${me.auth.scopes.join(' ')})` : ''}`,
    ]);
  },
};
