// A page's current files as a ZIP, streamed while it is built: entries are added one at a time, so
// only one GridFS download is open however many files the page has.
import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import { ZipArchive } from 'archiver';
import type { Db } from 'mongodb';
import { listFiles, openFile } from './file-store.ts';
import type { PageDoc } from './pages.ts';

export function exportZip(db: Db, page: PageDoc): PassThrough {
  const archive = new ZipArchive({ zlib: { level: 6 } });
  // archiver's streams are readable-stream's, not node's: hand the HTTP layer a node stream.
  const out = new PassThrough();
  archive.on('error', (e: Error) => out.destroy(e));
  archive.pipe(out);
  void (async () => {
    const files = page.current_version ? await listFiles(db, page._id, page.current_version) : [];
    for (const file of files) {
      if (out.destroyed) return; // the client went away
      const opened = await openFile(db, page._id, page.current_version!, file.path);
      if (!opened) throw new Error(`${file.path} vanished while exporting; the page changed, try again`);
      const added = once(archive, 'entry');
      archive.append(opened.stream, { name: file.path, date: page.updated_at });
      await added;
    }
    await archive.finalize();
  })().catch((e) => out.destroy(e as Error));
  return out;
}
