// Reading one captured document or stylesheet (its encoding, its references and its template, see
// template.ts), and rendering a template once the local paths are known. Bytes and plain data in and out:
// both run in a worker thread (parse-worker.ts). The template crosses to the capture and back as one
// serialized byte array, so the event loop neither builds nor copies it.
import v8 from 'node:v8';
import { threadId } from 'node:worker_threads';
import { ownBytes } from '../worker-pool.ts';
import { decodeText, detectEncoding } from './charset.ts';
import { templateCss } from './css.ts';
import { templateHtml, type PageRefresh } from './html.ts';
import { templateModule } from './js.ts';
import type { FoundRef } from './references.ts';
import { SpriteInliner } from './sprites.ts';
import { templateSvg } from './svg.ts';
import { fillTemplate, TemplateBuilder, type Template } from './template.ts';

export interface DocumentSource {
  /** js: an ES module; svg: an SVG document or sprite. */
  type: 'html' | 'css' | 'js' | 'svg';
  body: Uint8Array;
  contentType: string | undefined;
  /** The document's URL (after redirects): references resolve against it. */
  url: string;
  /** The encoding of the document that referenced a stylesheet, which it is read in without one of its own. */
  fallbackEncoding?: string;
}

export interface ParsedDocument {
  type: DocumentSource['type'];
  /** The encoding the bytes were read in. */
  encoding: string;
  refs: FoundRef[];
  title?: string;
  /** An HTML document's meta refresh (see html.ts): the capture may follow it. */
  refresh?: PageRefresh;
  /** An HTML document's visible text (visible-text.ts), bounded. */
  text?: string;
  /** The template, serialized: only renderDocument reads it. */
  template: Uint8Array;
  /** The thread that read it. */
  thread: number;
}

export interface RenderRequest {
  /** A ParsedDocument's template. */
  template: Uint8Array;
  /** What to write for each reference (by URL) that has a local copy; any other stays absolute. */
  paths: Record<string, string>;
  /**
   * The templates of the SVG files (ParsedDocuments of type svg) whose elements the document's `<use>` shows,
   * by URL: those elements are written into the document (`paths` covers their references too).
   */
  sprites?: Record<string, Uint8Array>;
}

export interface RenderedDocument {
  /** UTF-8. */
  bytes: Uint8Array;
  /** The thread that rendered it. */
  thread: number;
}

/** What a document worker is asked to do. */
export type DocumentTask = { type: 'parse'; source: DocumentSource } | { type: 'render'; request: RenderRequest };

/** Throws DocumentTooDeep (dom.ts) for HTML nested deeper than browsers build. */
export function parseDocument(source: DocumentSource): ParsedDocument {
  const body = Buffer.from(source.body.buffer, source.body.byteOffset, source.body.byteLength);
  const encoding = detectEncoding(body, source.contentType, source.type, source.fallbackEncoding);
  const text = decodeText(body, source.contentType, source.type, source.fallbackEncoding);
  const { type } = source;
  if (type === 'html') {
    const { refs, title, refresh, text: visible, template } = templateHtml(text, source.url);
    return {
      type,
      encoding,
      refs,
      ...(title !== undefined && { title }),
      ...(refresh !== undefined && { refresh }),
      ...(visible !== undefined && { text: visible }),
      template: serialize(template),
      thread: threadId,
    };
  }
  const builder = new TemplateBuilder();
  const templated =
    type === 'css'
      ? templateCss(text, source.url, builder, false)
      : type === 'js'
        ? templateModule(text, source.url, builder)
        : templateSvg(text, source.url, builder);
  return { type, encoding, refs: templated.refs, template: serialize(builder.build(templated.text)), thread: threadId };
}

export function renderDocument(request: RenderRequest): RenderedDocument {
  const template = v8.deserialize(request.template) as Template;
  const paths = new Map(Object.entries(request.paths));
  const localRef = (url: string) => paths.get(url);
  const sprites = new Map<string, string>();
  for (const [url, bytes] of Object.entries(request.sprites ?? {})) sprites.set(url, fillTemplate(v8.deserialize(bytes) as Template, localRef));
  const text = fillTemplate(template, localRef, sprites.size > 0 ? new SpriteInliner(sprites) : undefined);
  return { bytes: ownBytes(Buffer.from(text, 'utf8')), thread: threadId };
}

function serialize(template: Template): Uint8Array {
  return ownBytes(v8.serialize(template));
}
