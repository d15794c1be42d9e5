// list, open, rm.
import readline from 'node:readline/promises';
import { iteratePages, unwrap } from '@outpost/sdk';
import { openInBrowser } from '../browser.ts';
import type { Command, CommandContext } from '../command.ts';
import { CliError, formatBytes } from '../output.ts';
import { signedIn } from '../session.ts';

export const list: Command = {
  usage: 'list',
  summary: 'List your pages, newest first',
  maxPositionals: 0,
  async run({ server: flag, out }) {
    const { client } = await signedIn(flag);
    const pages = [];
    for await (const page of iteratePages(client, { limit: 100 })) pages.push(page);
    const lines = pages.map((p) => `${p.id}  ${p.visibility.padEnd(7)}  ${formatBytes(p.size).padStart(8)}  ${p.name}  ${p.url}`);
    out.result({ pages, count: pages.length }, pages.length ? lines : ['No pages yet: publish one with `outpost deploy`']);
  },
};

/** The page the command's ID names, and the client that read it. */
async function namedPage({ server, positionals }: CommandContext, verb: string) {
  const id = positionals[0];
  if (!id) throw new CliError(`Name the page: \`outpost ${verb} ID\` (\`outpost list\` shows the ids)`);
  const { client } = await signedIn(server);
  const page = await unwrap(client.GET('/api/pages/{page_id}', { params: { path: { page_id: id } } }));
  return { client, page };
}

export const openPage: Command = {
  usage: 'open ID [--no-browser]',
  summary: 'Open a page in the browser (a private preview link when it is not public)',
  options: { 'no-browser': { type: 'boolean', default: false } },
  maxPositionals: 1,
  async run(context) {
    const { values, out } = context;
    const { page } = await namedPage(context, 'open');
    // The owner would meet the page's gate at its URL; the preview link opens it as it is.
    const url = page.visibility !== 'public' && page.preview_url ? page.preview_url : page.url;
    if (!values['no-browser']) await openInBrowser(url).catch((error: Error) => out.info(`Could not open a browser (${error.message}): the address is below`));
    out.result({ id: page.id, url, page_url: page.url }, url);
  },
};

async function confirm(question: string): Promise<boolean> {
  const rl = readline.createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}

export const rm: Command = {
  usage: 'rm ID [--yes]',
  summary: 'Delete a page and its files (asks first unless --yes)',
  options: { yes: { type: 'boolean', short: 'y', default: false } },
  maxPositionals: 1,
  async run(context) {
    const { values, out } = context;
    const { client, page } = await namedPage(context, 'rm');
    if (!values.yes) {
      if (!process.stdin.isTTY) throw new CliError(`Not deleting ${page.id} without asking: pass --yes`);
      if (!(await confirm(`Delete ${page.name} (${page.url}) and its ${page.file_count} files? [y/N] `))) throw new CliError('Nothing deleted');
    }
    await unwrap(client.DELETE('/api/pages/{page_id}', { params: { path: { page_id: page.id } } }));
    out.result({ id: page.id, deleted: true }, `Deleted ${page.name} (${page.id})`);
  },
};
