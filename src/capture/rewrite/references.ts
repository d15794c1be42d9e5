// What a captured document or stylesheet refers to, and the shared rules for turning a reference as written
// (relative, with entities already decoded) into the absolute URL a capture fetches.

/**
 * stylesheet: parse as CSS recursively; document: a frame's (iframe, frame, object, embed) document, HTML or
 * SVG, to capture recursively; module: an ES module, its imports followed; sprite: an SVG file whose elements
 * `<use>` shows (inlined into the document that uses them).
 */
export type RefKind = 'asset' | 'stylesheet' | 'document' | 'module' | 'sprite';

export interface FoundRef {
  /** Absolute, fragment removed, entities and CSS escapes decoded. */
  url: string;
  kind: RefKind;
}

/**
 * Returns the string to write in place of a reference to `url` (already relative to the document being
 * rendered), or undefined to write the absolute URL.
 */
export type LocalRef = (url: string, kind: RefKind) => string | undefined;

/** A reference resolved against its base: the URL to fetch and the fragment to keep when rewriting it. */
export interface Resolved {
  url: string;
  /** "" or "#…" as it was written ("sprite.svg#icon" keeps "#icon"). */
  fragment: string;
}

// HTML's "ASCII whitespace"; URL attributes are stripped of it at both ends before parsing.
const ASCII_WHITESPACE = /^[\t\n\f\r ]+|[\t\n\f\r ]+$/g;

export function trimAsciiWhitespace(value: string): string {
  return value.replace(ASCII_WHITESPACE, '');
}

/**
 * The absolute http(s) URL a reference means, or undefined for what a capture leaves alone: empty, a pure
 * "#fragment", unparsable, or any other scheme (javascript:, data:, mailto:, tel:, blob:, about:, …).
 */
export function resolveReference(written: string, base: string): Resolved | undefined {
  const trimmed = trimAsciiWhitespace(written);
  if (trimmed === '' || trimmed.startsWith('#')) return undefined;
  return resolveHttp(trimmed, base);
}

/** As resolveReference, but an empty reference means the base itself (a navigational `href=""`). */
export function resolveLink(written: string, base: string): Resolved | undefined {
  const trimmed = trimAsciiWhitespace(written);
  if (trimmed.startsWith('#')) return undefined;
  return resolveHttp(trimmed, base);
}

function resolveHttp(reference: string, base: string): Resolved | undefined {
  let url: URL;
  try {
    url = new URL(reference, base);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  const fragment = url.hash;
  url.hash = ''; // removes the fragment entirely, an empty one ("x.svg#") included
  return { url: url.href, fragment };
}

/**
 * References in document order, each URL once. A URL met again with a kind that must be parsed
 * (anything but asset) where it was first an asset takes that kind: `<link rel=preload as=image href=x>`
 * then `<iframe src=x>` is a document.
 */
export class RefList {
  private readonly byUrl = new Map<string, FoundRef>();

  add(url: string, kind: RefKind): void {
    const known = this.byUrl.get(url);
    if (!known) this.byUrl.set(url, { url, kind });
    else if (known.kind === 'asset' && kind !== 'asset') known.kind = kind;
  }

  toArray(): FoundRef[] {
    return [...this.byUrl.values()].map((ref) => ({ ...ref }));
  }
}
