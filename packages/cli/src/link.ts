// `.outpost.json` in a deployed folder: the page it was deployed to, so the next deploy replaces it.
import fs from 'node:fs';
import path from 'node:path';

export const LINK_FILE = '.outpost.json';

export interface Link {
  server: string;
  page_id: string;
}

export function readLink(dir: string): Link | undefined {
  let text: string;
  try {
    text = fs.readFileSync(path.join(dir, LINK_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  let value: Partial<Link> | null;
  try {
    value = JSON.parse(text) as Partial<Link> | null;
  } catch {
    value = null;
  }
  if (typeof value?.server !== 'string' || typeof value.page_id !== 'string') {
    throw new Error(`${path.join(dir, LINK_FILE)} is not a link Outpost wrote (it needs "server" and "page_id"): delete it`);
  }
  return { server: value.server, page_id: value.page_id };
}

export function writeLink(dir: string, link: Link): void {
  fs.writeFileSync(path.join(dir, LINK_FILE), `${JSON.stringify(link, null, 2)}\n`);
}
