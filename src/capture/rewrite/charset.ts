// Decoding a fetched HTML document or stylesheet to text the way a browser picks its encoding (WHATWG
// Encoding, HTML "determining the character encoding", CSS Syntax "determine the fallback encoding").
// Labels go through TextDecoder, which knows every WHATWG label (Node has full ICU).

/** js: an ES module (always UTF-8, the BOM aside); svg: XML (its `<?xml encoding?>` declaration). */
export type TextKind = 'html' | 'css' | 'js' | 'svg';

/** The bytes the prescan reads for a `<meta>` charset (HTML) or an `@charset` rule (CSS). */
const PRESCAN_BYTES = 1024;

/**
 * Decodes per WHATWG: a BOM, then the Content-Type charset, then `<meta charset>`/http-equiv in the first
 * 1024 bytes (html) or a leading `@charset` (css), else `fallbackEncoding` when given (for css: the
 * encoding of the document that linked it), else UTF-8 — except html that isn't valid UTF-8, which browsers
 * in most locales read as windows-1252.
 */
export function decodeText(body: Buffer, contentType: string | undefined, kind: TextKind, fallbackEncoding?: string): string {
  return new TextDecoder(detectEncoding(body, contentType, kind, fallbackEncoding)).decode(body);
}

/** The encoding decodeText uses, by its WHATWG name ("utf-8", "shift_jis", "windows-1252", …). */
export function detectEncoding(body: Buffer, contentType: string | undefined, kind: TextKind, fallbackEncoding?: string): string {
  const fromBom = bomEncoding(body);
  if (fromBom) return fromBom;
  if (kind === 'js') return 'utf-8';
  const fromHeader = headerCharset(contentType);
  if (fromHeader) return fromHeader;
  const declared = kind === 'html' ? prescanMeta(body) : kind === 'css' ? cssCharsetRule(body) : xmlDeclaration(body);
  if (declared) return declared;
  const fallback = fallbackEncoding === undefined ? undefined : encodingFor(fallbackEncoding);
  if (fallback) return fallback;
  if (kind === 'html' && !isUtf8(body)) return 'windows-1252';
  return 'utf-8';
}

function bomEncoding(body: Buffer): string | undefined {
  if (body.length >= 3 && body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) return 'utf-8';
  if (body.length >= 2 && body[0] === 0xfe && body[1] === 0xff) return 'utf-16be';
  if (body.length >= 2 && body[0] === 0xff && body[1] === 0xfe) return 'utf-16le';
  return undefined;
}

/** The WHATWG encoding a label names, or undefined for an unknown label. */
export function encodingFor(label: string): string | undefined {
  try {
    const encoding = new TextDecoder(label.trim()).encoding;
    return encoding === 'replacement' ? undefined : encoding;
  } catch {
    return undefined;
  }
}

/** The charset parameter of a Content-Type header, if it names a known encoding. */
function headerCharset(contentType: string | undefined): string | undefined {
  if (!contentType) return undefined;
  const match = /;\s*charset\s*=\s*(?:"([^"]*)"|([^;\s]*))/i.exec(contentType);
  const label = match?.[1] ?? match?.[2];
  return label ? encodingFor(label) : undefined;
}

/** A charset found in the document itself: UTF-16 there can only be a mistake (the bytes parsed as ASCII). */
function declaredEncoding(label: string): string | undefined {
  if (label.trim().toLowerCase() === 'x-user-defined') return 'windows-1252';
  const encoding = encodingFor(label);
  return encoding === 'utf-16le' || encoding === 'utf-16be' ? 'utf-8' : encoding;
}

function isUtf8(body: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(body);
    return true;
  } catch {
    return false;
  }
}

/** XML: the encoding of a leading `<?xml … encoding="<label>"?>`. */
function xmlDeclaration(body: Buffer): string | undefined {
  const head = body.subarray(0, PRESCAN_BYTES).toString('latin1');
  const match = /^<\?xml\s[^>]*?\bencoding\s*=\s*(["'])([^"']*)\1/.exec(head);
  return match ? declaredEncoding(match[2]) : undefined;
}

/** CSS: the bytes `@charset "<label>";` at the very start. */
function cssCharsetRule(body: Buffer): string | undefined {
  const head = body.subarray(0, PRESCAN_BYTES).toString('latin1');
  const match = /^@charset "([^"]*)";/.exec(head);
  return match ? declaredEncoding(match[1]) : undefined;
}

// ---------------------------------------------------------------------------------------------------------
// HTML: "prescan a byte stream to determine its encoding", on the first 1024 bytes read as Latin-1 (one
// character per byte, so positions are byte offsets).

const SPACE = /[\t\n\f\r ]/;
const SPACE_OR_SLASH = /[\t\n\f\r /]/;

function prescanMeta(body: Buffer): string | undefined {
  const s = body.subarray(0, PRESCAN_BYTES).toString('latin1');
  let position = 0;
  while (position < s.length) {
    if (s.startsWith('<!--', position)) {
      const end = s.indexOf('-->', position + 2);
      if (end === -1) return undefined;
      position = end + 3;
      continue;
    }
    if (/^<meta[\t\n\f\r /]/i.test(s.slice(position, position + 6))) {
      const { encoding, next } = readMeta(s, position + 5);
      if (encoding) return encoding;
      position = next;
      continue;
    }
    if (/^<\/?[A-Za-z]/.test(s.slice(position, position + 3))) {
      position = s.slice(position, position + 2) === '</' ? position + 2 : position + 1;
      while (position < s.length && !SPACE.test(s[position]) && s[position] !== '>') position++;
      for (;;) {
        const attribute = readAttribute(s, position);
        if (!attribute) break;
        position = attribute.next;
      }
      position++;
      continue;
    }
    if (s.startsWith('<!', position) || s.startsWith('</', position) || s.startsWith('<?', position)) {
      const end = s.indexOf('>', position);
      if (end === -1) return undefined;
      position = end + 1;
      continue;
    }
    position++;
  }
  return undefined;
}

/** The attributes of one `<meta`, from just after its name; an encoding when they declare one. */
function readMeta(s: string, start: number): { encoding?: string; next: number } {
  const seen = new Set<string>();
  let gotPragma = false;
  let needPragma: boolean | undefined;
  let charset: string | undefined;
  let position = start;
  for (;;) {
    const attribute = readAttribute(s, position);
    if (!attribute) break;
    position = attribute.next;
    const { name, value } = attribute;
    if (seen.has(name)) continue;
    seen.add(name);
    if (name === 'http-equiv') {
      if (value === 'content-type') gotPragma = true;
    } else if (name === 'content') {
      if (charset === undefined) {
        const label = charsetInContent(value);
        if (label !== undefined) {
          charset = label;
          needPragma = true;
        }
      }
    } else if (name === 'charset') {
      charset = value;
      needPragma = false;
    }
  }
  const next = position + 1;
  if (needPragma === undefined || (needPragma && !gotPragma) || charset === undefined) return { next };
  const encoding = declaredEncoding(charset);
  return encoding ? { encoding, next } : { next };
}

/** "Get an attribute": a lowercased name and value, or undefined at `>` or the end of the bytes. */
function readAttribute(s: string, start: number): { name: string; value: string; next: number } | undefined {
  let position = start;
  while (position < s.length && SPACE_OR_SLASH.test(s[position])) position++;
  if (position >= s.length || s[position] === '>') return undefined;
  let name = '';
  let value = '';
  // The name.
  for (;;) {
    if (position >= s.length) return undefined;
    const c = s[position];
    if (c === '=' && name !== '') {
      position++;
      break;
    }
    if (SPACE.test(c)) {
      while (position < s.length && SPACE.test(s[position])) position++;
      if (s[position] !== '=') return { name, value, next: position };
      position++;
      break;
    }
    if (c === '/' || c === '>') return { name, value, next: position };
    name += c.toLowerCase();
    position++;
  }
  // The value.
  while (position < s.length && SPACE.test(s[position])) position++;
  if (position >= s.length) return undefined;
  const quote = s[position];
  if (quote === '"' || quote === "'") {
    const end = s.indexOf(quote, position + 1);
    if (end === -1) return undefined;
    return { name, value: s.slice(position + 1, end).toLowerCase(), next: end + 1 };
  }
  if (quote === '>') return { name, value, next: position };
  while (position < s.length && !SPACE.test(s[position]) && s[position] !== '>') value += s[position++].toLowerCase();
  if (position >= s.length) return undefined;
  return { name, value, next: position };
}

/** "Extracting a character encoding from a meta element": the label after `charset=` in a content value. */
function charsetInContent(content: string): string | undefined {
  let position = 0;
  for (;;) {
    const found = content.indexOf('charset', position);
    if (found === -1) return undefined;
    position = found + 'charset'.length;
    while (position < content.length && SPACE.test(content[position])) position++;
    if (content[position] !== '=') continue;
    position++;
    while (position < content.length && SPACE.test(content[position])) position++;
    const c = content[position];
    if (c === undefined) return undefined;
    if (c === '"' || c === "'") {
      const end = content.indexOf(c, position + 1);
      return end === -1 ? undefined : content.slice(position + 1, end);
    }
    const rest = content.slice(position);
    const stop = rest.search(/[\t\n\f\r ;]/);
    return stop === -1 ? rest : rest.slice(0, stop);
  }
}
