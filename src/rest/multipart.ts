// Form request bodies (multipart/form-data uploads as `curl -F` sends them, and url-encoded fields as
// `curl -d` does), decoded into the shape of the operation's JSON body so the same schema validates
// both. hapi has already read the whole body (bounded by the route's maxBytes); file parts arrive as
// streams over those bytes.
import type { Readable } from 'node:stream';
import type { UploadedFile } from '../pages/upload-content.ts';
import { validationError, type Validator } from './validation.ts';

const MULTIPART = 'multipart/form-data';
/** The form media types an operation may take besides JSON; the first one carries files. */
export const FORM_TYPES: readonly string[] = [MULTIPART, 'application/x-www-form-urlencoded'];

/** Where a decoded multipart body keeps its file, out of the schema's sight. */
const UPLOAD = Symbol('outpost.upload');

/** Fields that take a list: comma-separated, repeated, or both. */
const LIST_FIELDS = new Set(['passcodes', 'allowed_emails']);
/** Fields that take `true` or `false` (anything else is left for the schema to refuse). */
const BOOLEAN_FIELDS = new Set(['script_shims']);
/** Fields whose JSON twin may be null: an empty form value removes the setting. */
const NULLABLE_FIELDS = new Set(['expires_at', 'max_views']);
/** Fields whose JSON twin is an integer: digits become a number (anything else is left for the schema to refuse). */
const INTEGER_FIELDS = new Set(['max_views']);
/** The field that carries the uploaded file. */
const FILE_FIELD = 'file';

/** The file of a body decoded from multipart/form-data, if it had one. */
export function uploadOf(body: unknown): UploadedFile | undefined {
  return body && typeof body === 'object' ? (body as { [UPLOAD]?: UploadedFile })[UPLOAD] : undefined;
}

export function isForm(contentType: string | undefined): boolean {
  return FORM_TYPES.includes((contentType ?? '').split(';')[0].trim().toLowerCase());
}

type FilePart = Readable & { hapi?: { filename?: string } };
const isFilePart = (v: unknown): v is FilePart => !!v && typeof v === 'object' && typeof (v as Readable).pipe === 'function';

/**
 * A payload validate hook for form bodies: lists are split on commas and repeated fields
 * accumulate, the other fields are validated as their JSON twins by `check`, and the file is
 * read back into a Buffer and attached for uploadOf().
 */
export function multipartValidator(check: Validator) {
  return async (raw: unknown): Promise<unknown> => {
    // Built as entries: a field named "__proto__" becomes an own (unknown, so refused) property.
    const fields: [string, unknown][] = [];
    let upload: UploadedFile | undefined;
    for (const [name, value] of Object.entries((raw ?? {}) as Record<string, unknown>)) {
      const values = Array.isArray(value) ? value : [value];
      if (name === FILE_FIELD) {
        if (values.length !== 1) throw validationError('payload', 'Upload exactly one file', [FILE_FIELD]);
        const part = values[0];
        if (!isFilePart(part) || !part.hapi?.filename) throw validationError('payload', 'file must be a .html or .zip', [FILE_FIELD]);
        upload = { filename: part.hapi.filename, content: await readAll(part) };
        continue;
      }
      if (values.some(isFilePart)) throw validationError('payload', `"${name}" must be a text field, not a file`, [name]);
      if (LIST_FIELDS.has(name)) {
        fields.push([
          name,
          values
            .flatMap((v) => String(v).split(','))
            .map((v) => v.trim())
            .filter(Boolean),
        ]);
      } else {
        fields.push([name, values.length === 1 ? scalarField(name, values[0]) : values]);
      }
    }
    const body = check(Object.fromEntries(fields)) as Record<string | symbol, unknown>;
    if (upload) body[UPLOAD] = upload;
    return body;
  };
}

/** A single form value as its JSON twin takes it. */
function scalarField(name: string, value: unknown): unknown {
  if (typeof value !== 'string') return value;
  if (BOOLEAN_FIELDS.has(name) && (value === 'true' || value === 'false')) return value === 'true';
  const text = value.trim();
  if (NULLABLE_FIELDS.has(name) && text === '') return null;
  if (INTEGER_FIELDS.has(name) && /^\d{1,10}$/.test(text)) return Number(text);
  return value;
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
