// Reading one captured document or stylesheet: its encoding, its references and its template (see
// template.ts). Plain data in and out, as it runs in a worker thread (parse-worker.ts).
import { decodeText, detectEncoding } from './charset.ts';
import { templateCss } from './css.ts';
import { templateHtml } from './html.ts';
import type { FoundRef } from './references.ts';
import { TemplateBuilder, type Template } from './template.ts';

export interface DocumentSource {
  type: 'html' | 'css';
  body: Uint8Array;
  contentType: string | undefined;
  /** The document's URL (after redirects): references resolve against it. */
  url: string;
  /** The encoding of the document that referenced a stylesheet, which it is read in without one of its own. */
  fallbackEncoding?: string;
}

export interface ParsedDocument {
  /** The encoding the bytes were read in. */
  encoding: string;
  refs: FoundRef[];
  title?: string;
  template: Template;
}

/** Throws DocumentTooDeep (dom.ts) for HTML nested deeper than browsers build. */
export function parseDocument(source: DocumentSource): ParsedDocument {
  const body = Buffer.from(source.body.buffer, source.body.byteOffset, source.body.byteLength);
  const encoding = detectEncoding(body, source.contentType, source.type, source.fallbackEncoding);
  const text = decodeText(body, source.contentType, source.type, source.fallbackEncoding);
  if (source.type === 'html') {
    const { refs, title, template } = templateHtml(text, source.url);
    return { encoding, refs, ...(title !== undefined && { title }), template };
  }
  const builder = new TemplateBuilder();
  const css = templateCss(text, source.url, builder, false);
  return { encoding, refs: css.refs, template: builder.build(css.text) };
}
