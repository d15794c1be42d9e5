// srcset attributes (img, source, link imagesrcset, data-srcset): split into candidates by the HTML
// standard's "parse a srcset attribute" algorithm, so commas inside URLs ("w_300,h_200/a.jpg") and inside
// descriptors stay where they belong, and written back with each URL replaced and its descriptors kept.
import { trimAsciiWhitespace } from './references.ts';

export interface SrcsetCandidate {
  url: string;
  /** The descriptors as written ("2x", "300w"), trimmed; "" when there are none. */
  descriptors: string;
}

const WHITESPACE = /[\t\n\f\r ]/;

export function parseSrcset(input: string): SrcsetCandidate[] {
  const candidates: SrcsetCandidate[] = [];
  let position = 0;
  while (position < input.length) {
    while (position < input.length && (WHITESPACE.test(input[position]) || input[position] === ',')) position++;
    if (position >= input.length) break;
    const urlStart = position;
    while (position < input.length && !WHITESPACE.test(input[position])) position++;
    let url = input.slice(urlStart, position);
    if (url.endsWith(',')) {
      // "a.png," ends its candidate: no descriptors.
      url = url.replace(/,+$/, '');
      candidates.push({ url, descriptors: '' });
      continue;
    }
    const descriptorsStart = position;
    let inParens = false;
    while (position < input.length) {
      const c = input[position];
      if (inParens) {
        if (c === ')') inParens = false;
      } else if (c === '(') {
        inParens = true;
      } else if (c === ',') {
        break;
      }
      position++;
    }
    candidates.push({ url, descriptors: trimAsciiWhitespace(input.slice(descriptorsStart, position)) });
    position++; // past the comma
  }
  return candidates;
}

export function serializeSrcset(candidates: readonly SrcsetCandidate[]): string {
  return candidates.map((c) => (c.descriptors ? `${srcsetSafe(c.url)} ${c.descriptors}` : srcsetSafe(c.url))).join(', ');
}

/** A URL that reads back as one candidate: no whitespace, no comma at either end. */
export function srcsetSafe(url: string): string {
  return url
    .replace(/[\t\n\f\r ]/g, (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0').toUpperCase()}`)
    .replace(/^,+|,+$/g, (commas) => '%2C'.repeat(commas.length));
}
