// The content part of a create or replace request: exactly one of html, files, source_url, or
// (multipart/form-data) an uploaded file.
import type { PageContent } from '../pages/pages.ts';
import { uploadedContent } from '../pages/upload-content.ts';
import { uploadOf } from './multipart.ts';
import { validationError } from './validation.ts';

export interface ContentBody {
  html?: string;
  files?: readonly { path: string; content: string; encoding?: 'utf8' | 'base64' }[];
  source_url?: string;
  render?: boolean;
}

/** The new content: files to store now, or a `source_url` to capture as a job (`render`: as asked, if asked). */
export type ContentRequest = { files: PageContent; sourceUrl?: undefined } | { sourceUrl: string; render?: boolean; files?: undefined };

export function pageContent(body: ContentBody): ContentRequest {
  const upload = uploadOf(body);
  const given: string[] = (['html', 'files', 'source_url'] as const).filter((k) => body[k] !== undefined);
  if (upload) given.push('file');
  if (given.length !== 1) {
    throw validationError(
      'payload',
      "Give the page's content in exactly one of html, files, source_url or (uploading) file",
      given.length ? given : ['html', 'files', 'source_url'],
    );
  }
  if (body.source_url !== undefined) return { sourceUrl: body.source_url, render: body.render };
  if (body.render !== undefined) throw validationError('payload', 'render applies to a source_url capture only', ['render']);
  return { files: inlineContent(body, upload) };
}

function inlineContent(body: ContentBody, upload: ReturnType<typeof uploadOf>): PageContent {
  if (upload) return uploadedContent(upload);
  if (body.html !== undefined) return [{ path: 'index.html', content: Buffer.from(body.html, 'utf8') }];
  return body.files!.map((f, i) => {
    if (f.encoding === 'base64' && !/^[A-Za-z0-9+/]*={0,2}$/.test(f.content.replace(/\s+/g, ''))) {
      throw validationError('payload', `files[${i}].content is not valid base64`, [`files.${i}.content`]);
    }
    return { path: f.path, content: Buffer.from(f.content, f.encoding === 'base64' ? 'base64' : 'utf8') };
  });
}
