// An uploaded file as page content: one .html file becomes index.html; a .zip is checked and
// unpacked by readZip, each entry streamed straight into the new version (never to disk).
import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { InvalidInput } from '../shared/errors.ts';
import { ContentTooLarge, TITLE_SCAN_BYTES, titleFromHtml, type ContentWriter, type PageContent } from './pages.ts';
import { readZip, ZipRejected } from './zip-intake.ts';

export interface UploadedFile {
  /** The name the client gave (only its extension matters). */
  filename: string;
  content: Buffer;
}

/** The page content for an uploaded file, or an InvalidInput for a file that is neither .html nor .zip. */
export function uploadedContent(file: UploadedFile): PageContent {
  const name = file.filename.trim().toLowerCase();
  if (/\.html?$/.test(name)) return [{ path: 'index.html', content: file.content }];
  if (name.endsWith('.zip')) return zipContent(file.content);
  throw new InvalidInput('file', 'file must be a .html or .zip');
}

/** Streams a ZIP's entries into the version; a refusal midway leaves the caller to abort it. */
function zipContent(zip: Buffer): ContentWriter {
  return async (writer, maxBytes) => {
    if (zip.length > maxBytes) {
      throw new ContentTooLarge(`The ZIP is ${zip.length} bytes; this server accepts up to ${maxBytes} bytes per page.`);
    }
    // Titles come from the default file, which readZip names only at the end: keep the head of
    // the files that can be it (a top-level index.html/index.htm, or the first HTML file).
    const heads = new Map<string, Buffer>();
    let firstHtml: string | undefined;
    let result;
    try {
      result = await readZip(
        zip,
        async (entry, content) => {
          const isIndex = /^index\.html?$/i.test(entry.path);
          const isHtml = /\.html?$/i.test(entry.path);
          if (isHtml && !isIndex) firstHtml ??= entry.path;
          const keep = isIndex || (isHtml && firstHtml === entry.path);
          await writer.add(entry.path, keep ? headTap(content, (head) => heads.set(entry.path, head)) : content);
        },
        { maxTotalBytes: maxBytes },
      );
    } catch (err) {
      if (err instanceof ZipRejected && err.reason === 'total-too-large') throw new ContentTooLarge(err.message, { cause: err });
      throw err;
    }
    return { defaultFile: result.defaultFile, title: titleFromHtml(heads.get(result.defaultFile)) };
  };
}

/** Passes `source` through, handing its first TITLE_SCAN_BYTES to `onHead` at the end. */
function headTap(source: Readable, onHead: (head: Buffer) => void): Readable {
  const chunks: Buffer[] = [];
  let kept = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      if (kept < TITLE_SCAN_BYTES) {
        const part = chunk.subarray(0, TITLE_SCAN_BYTES - kept);
        chunks.push(Buffer.from(part));
        kept += part.length;
      }
      callback(null, chunk);
    },
    flush(callback: TransformCallback) {
      onHead(Buffer.concat(chunks));
      callback();
    },
  });
  source.on('error', (err) => tap.destroy(err));
  return source.pipe(tap);
}
