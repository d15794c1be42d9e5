// `import { publishPath } from '@outpost/sdk/node'`: publishing a folder, a .zip or an .html file from disk.
import fs from 'node:fs';
import path from 'node:path';
import type { OutpostClient } from './client.ts';
import { publishFile, publishFiles, type Page, type PublishFile, type PublishOptions } from './publish.ts';

export interface ReadFolderOptions {
  /** Whether a file or folder (its "/"-separated path in the folder) is published; dotfiles are left out before it is asked. */
  include?: (relativePath: string, isDirectory: boolean) => boolean;
}

/** The files of a folder, read lazily (each is opened only as the ZIP reaches it), sorted by path. */
export async function readFolder(dir: string, options: ReadFolderOptions = {}): Promise<PublishFile[]> {
  const files: PublishFile[] = [];
  async function walk(relative: string): Promise<void> {
    const entries = await fs.promises.readdir(path.join(dir, relative), { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      // The server drops dotfiles and dot-folders from an upload: not sending them keeps `.git` or `.env` home.
      if (entry.name.startsWith('.')) continue;
      const name = relative ? `${relative}/${entry.name}` : entry.name;
      const isDirectory = entry.isDirectory();
      if (!isDirectory && !entry.isFile()) continue; // symlinks, sockets: not followed
      if (options.include && !options.include(name, isDirectory)) continue;
      if (isDirectory) await walk(name);
      else {
        const full = path.join(dir, name);
        const stat = await fs.promises.stat(full);
        files.push({ name, input: await fs.openAsBlob(full), lastModified: stat.mtime });
      }
    }
  }
  await walk('');
  return files;
}

export type PublishPathOptions = PublishOptions & ReadFolderOptions;

/** Publishes a folder (zipped as it is sent), a `.zip` or an `.html` file. */
export async function publishPath(client: OutpostClient, target: string, options: PublishPathOptions = {}): Promise<Page> {
  const { include, ...publishOptions } = options;
  const stat = await fs.promises.stat(target);
  if (stat.isDirectory()) {
    const files = await readFolder(target, { include });
    if (!files.length) throw new Error(`Nothing to publish: ${target} has no files (dotfiles and ignored files are left out)`);
    return publishFiles(client, files, publishOptions);
  }
  if (!/\.(zip|html?)$/i.test(target)) throw new Error(`Publish a folder, a .zip or an .html file: ${target} is none of them`);
  return publishFile(client, { name: path.basename(target), input: await fs.openAsBlob(target) }, publishOptions);
}
