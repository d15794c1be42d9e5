// versions, rollback.
import { unwrap } from '@outpost/sdk';
import type { Command } from '../command.ts';
import { readLink } from '../link.ts';
import { CliError, formatBytes } from '../output.ts';
import { signedIn } from '../session.ts';

type Origin = { kind: string; source_url?: string; from_version?: number; watch_id?: string };

/** How a version was made, in words. */
function madeBy(origin: Origin): string {
  if (origin.kind === 'capture') return `capture of ${origin.source_url ?? '?'}${origin.watch_id ? ` (watch ${origin.watch_id})` : ''}`;
  if (origin.kind === 'rollback') return `rollback to ${origin.from_version}`;
  return origin.kind;
}

/** The page named on the command line, or else the one this folder was deployed to on this server. */
function pageOf(given: string | undefined, server: string): string | undefined {
  if (given) return given;
  const link = readLink(process.cwd());
  return link?.server === server ? link.page_id : undefined;
}

export const versions: Command = {
  usage: 'versions [ID]',
  summary: "List a page's kept versions, newest first (the page of ./.outpost.json without ID)",
  maxPositionals: 1,
  async run({ server: flag, positionals, out }) {
    const { server, client } = await signedIn(flag);
    const pageId = pageOf(positionals[0], server);
    if (!pageId) throw new CliError('Name the page: `outpost versions ID` (`outpost list` shows the ids), or run it in a deployed folder');
    const body = await unwrap(client.GET('/api/pages/{page_id}/versions', { params: { path: { page_id: pageId } } }));
    const lines = body.versions.map((v) => {
      const changes = `+${v.changes.added} -${v.changes.removed} ~${v.changes.changed}`;
      return `${String(v.number).padStart(4)}${v.live ? ' (live)' : '       '}  ${v.created_at}  ${formatBytes(v.size).padStart(8)}  ${String(v.file_count).padStart(5)} files  ${changes.padEnd(14)}  ${madeBy(v.origin)}`;
    });
    out.result({ page_id: pageId, ...body }, lines);
  },
};

export const rollback: Command = {
  usage: 'rollback [ID] VERSION',
  summary: 'Show an earlier version of a page again (as a new version; the page of ./.outpost.json without ID)',
  maxPositionals: 2,
  async run({ server: flag, positionals, out }) {
    const [named, given] = positionals.length === 1 ? [undefined, positionals[0]] : positionals;
    const number = Number(given);
    if (!given || !/^\d+$/.test(given) || !Number.isSafeInteger(number)) {
      throw new CliError('Name the version: `outpost rollback [ID] VERSION` (`outpost versions` lists them)');
    }
    const { server, client } = await signedIn(flag);
    const pageId = pageOf(named, server);
    if (!pageId) throw new CliError('Name the page: `outpost rollback ID VERSION` (`outpost list` shows the ids), or run it in a deployed folder');
    const page = await unwrap(client.POST('/api/pages/{page_id}/versions/{number}/rollback', { params: { path: { page_id: pageId, number } } }));
    out.result({ id: page.id, url: page.url, rolled_back_to: number }, `${page.name} shows version ${number} again: ${page.url}`);
  },
};
