import Boom from '@hapi/boom';
import { findFile, streamFile } from '../pages/file-reader.ts';
import { getPage } from '../pages/pages.ts';
import { defineHandler } from '../rest/operation.ts';

/** RFC 5987's value-chars: encodeURIComponent leaves ' ( ) * as they are, which the header does not allow. */
function rfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export default defineHandler(
  'getPageFile',
  async ({ params, query, caller, app }) => {
    const page = await getPage(app.db, caller.user.id, params.page_id);
    const file = page.current_version ? await findFile(app.db, page._id, page.current_version, query.path) : null;
    if (!file) throw Boom.notFound(`The page ${page._id} has no file ${query.path}. List its files with GET /api/pages/${page._id}/files.`);
    const name = file.path.split('/').pop()!;
    return {
      status: 200,
      stream: streamFile(app.db, file),
      headers: {
        'Content-Type': file.contentType,
        'Content-Length': String(file.size),
        // The page's own code must never run as the API's origin.
        'Content-Disposition': `attachment; filename*=UTF-8''${rfc5987(name)}`,
        'Content-Security-Policy': "sandbox; default-src 'none'",
        'X-Content-Type-Options': 'nosniff',
      },
    };
  },
  { readsHttpExchange: true },
);
