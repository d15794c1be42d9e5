// deploy and capture.
import fs from 'node:fs';
import path from 'node:path';
import { OutpostError, unwrap, updatePageSettings, waitForJob, type Job, type OutpostClient, type PageSettings } from '@outpost/sdk';
import { publishPath } from '@outpost/sdk/node';
import { copyText } from '../clipboard.ts';
import type { Command, CommandContext } from '../command.ts';
import { ignoreFilter } from '../ignore-file.ts';
import { LINK_FILE, readLink, writeLink } from '../link.ts';
import { CliError, formatBytes, type Output } from '../output.ts';
import { signedIn } from '../session.ts';

const SETTINGS_OPTIONS = {
  name: { type: 'string' },
  shared: { type: 'boolean', default: false },
  private: { type: 'boolean', default: false },
  public: { type: 'boolean', default: false },
  passcode: { type: 'string', multiple: true },
  email: { type: 'string', multiple: true },
  page: { type: 'string' },
  copy: { type: 'boolean', default: false },
} as const;

/** The page settings the flags ask for (a passcode or an e-mail makes the page shared). */
function settingsFrom(values: CommandContext['values']): PageSettings {
  const passcodes = values.passcode as string[] | undefined;
  const emails = values.email as string[] | undefined;
  const chosen = (['public', 'shared', 'private'] as const).filter((v) => values[v]);
  if (chosen.length > 1) throw new CliError(`Choose one of --public, --shared, --private (got ${chosen.map((v) => `--${v}`).join(', ')})`);
  if ((passcodes || emails) && (values.public || values.private)) throw new CliError('--passcode and --email are for a --shared page');
  const visibility = chosen[0] ?? (passcodes || emails ? 'shared' : undefined);
  return { name: values.name as string | undefined, visibility, passcodes, allowed_emails: emails };
}

/** --copy: `copied` for the JSON result. Not copying is a warning: the page is published all the same. */
async function copyIfAsked(values: CommandContext['values'], out: Output, url: string): Promise<{ copied?: boolean }> {
  if (!values.copy) return {};
  try {
    const through = await copyText(url);
    out.info(through === 'clipboard' ? 'The URL is on the clipboard' : "The URL was sent to the terminal's clipboard");
    return { copied: true };
  } catch (error) {
    out.warn((error as Error).message);
    return { copied: false };
  }
}

export const deploy: Command = {
  usage: 'deploy [DIR|FILE.zip|FILE.html] [--page ID] [--name N] [--public|--shared|--private] [--passcode X] [--email Y] [--copy]',
  summary: "Publish a folder (zipped as it is sent), a .zip or an .html file; a folder's next deploy replaces its page",
  options: SETTINGS_OPTIONS,
  maxPositionals: 1,
  async run({ server: flag, values, positionals, out }) {
    const target = positionals[0] ?? '.';
    let stat: fs.Stats;
    try {
      stat = fs.statSync(target);
    } catch {
      throw new CliError(`Nothing to deploy at ${target}`);
    }
    const { server, client } = await signedIn(flag);
    const folder = stat.isDirectory() ? target : undefined;
    const link = folder ? readLink(folder) : undefined;
    const linked = link && link.server === server ? link.page_id : undefined;
    const pageId = (values.page as string | undefined) ?? linked;
    const settings = settingsFrom(values);
    // A new page is named after its folder or file unless --name says otherwise.
    if (!pageId && settings.name === undefined) settings.name = path.basename(path.resolve(target));

    const bar = out.progress(pageId ? 'Uploading' : 'Publishing', (sent, total) => `${formatBytes(sent)} of ${formatBytes(total)}`);
    let page;
    try {
      page = await publishPath(client, target, {
        ...settings,
        pageId,
        include: folder ? ignoreFilter(folder) : undefined,
        onProgress: (sent, total) => bar.update(sent, total),
      });
    } catch (error) {
      if (error instanceof OutpostError && error.statusCode === 404 && pageId === linked && linked) {
        throw new CliError(`The page ${linked} that ${path.join(folder!, LINK_FILE)} names no longer exists: delete that file to publish a new page`, {
          cause: error,
        });
      }
      throw error;
    } finally {
      bar.stop();
    }
    if (folder && !values.page) writeLink(folder, { server, page_id: page.id });
    const copied = await copyIfAsked(values, out, page.url);
    const verb = pageId ? 'Replaced' : 'Published';
    out.result({ ...page, ...copied }, [
      `${verb} ${out.bold(page.name)} (${page.id}, ${page.visibility}, ${page.file_count} files, ${formatBytes(page.size)})`,
      page.url,
    ]);
  },
};

/** Assets the capture has finished with, fetched or not. */
function assetsDone(counts: Job['counts']): number {
  return counts.assets_fetched + counts.assets_skipped + counts.assets_failed;
}

function captureProgressText(job: Job): string {
  const c = job.counts;
  return `${job.status}: assets ${assetsDone(c)} of ${c.assets_found}${c.assets_failed ? `, ${c.assets_failed} failed` : ''}, ${formatBytes(c.bytes)}`;
}

async function startCapture(client: OutpostClient, sourceUrl: string, pageId: string | undefined, settings: PageSettings) {
  const query = { wait: 0 };
  if (pageId) {
    await updatePageSettings(client, pageId, settings);
    return unwrap(client.POST('/api/pages/{page_id}/files', { params: { path: { page_id: pageId }, query }, body: { source_url: sourceUrl } }));
  }
  return unwrap(client.POST('/api/pages', { params: { query }, body: { source_url: sourceUrl, ...settings } }));
}

export const capture: Command = {
  usage: 'capture URL [--page ID] [--name N] [--public|--shared|--private] [--passcode X] [--email Y] [--copy]',
  summary: 'Capture a web page with its assets into a page (Ctrl-C cancels)',
  options: SETTINGS_OPTIONS,
  maxPositionals: 1,
  async run({ server: flag, values, positionals, out }) {
    const sourceUrl = positionals[0];
    if (!sourceUrl) throw new CliError('Name the page to capture: `outpost capture https://example.com`');
    const { client } = await signedIn(flag);
    // Listening from before the job is asked for: a Ctrl-C while it is being created cancels it once it exists.
    const stop = new AbortController();
    const onInterrupt = () => {
      if (stop.signal.aborted) process.exit(130);
      out.info('\nCancelling the capture… (Ctrl-C again to leave it running)');
      stop.abort();
    };
    process.on('SIGINT', onInterrupt);
    const bar = out.progress('Capturing', (done, total) => `assets ${done} of ${total}`);
    let job;
    try {
      job = (await startCapture(client, sourceUrl, values.page as string | undefined, settingsFrom(values))).job;
      if (!job) throw new CliError('The server answered without a capture job');
      let lastLine = '';
      job = await waitForJob(client, job.id, {
        signal: stop.signal,
        onProgress: (current) => {
          bar.update(assetsDone(current.counts), current.counts.assets_found);
          const line = captureProgressText(current);
          if (line !== lastLine) out.detail(line);
          lastLine = line;
        },
      });
    } finally {
      bar.stop();
      process.off('SIGINT', onInterrupt);
    }
    if (job.status === 'cancelled') throw new CliError(`Capture cancelled (job ${job.id}); the page was not changed`, { details: { job } });
    if (job.status === 'failed') throw new CliError(`Capture failed: ${job.error?.message ?? 'no reason given'}`, { details: { job } });
    const page = await unwrap(client.GET('/api/pages/{page_id}', { params: { path: { page_id: job.page_id! } } }));
    const problems = job.problem_count ? ` (${job.problem_count} assets skipped or failed)` : '';
    const copied = await copyIfAsked(values, out, page.url);
    out.result({ ...page, job, ...copied }, [
      `Captured ${out.bold(page.name)} (${page.id}, ${job.counts.assets_fetched} of ${job.counts.assets_found} assets${problems})`,
      page.url,
    ]);
  },
};
