// The access-log line of an answer given before hapi sees the request (access-log.ts), written as text built
// here instead of through pino's log call. The line is the one pino writes (same fields, order and values); pino's
// call spends more than the rest of a cached file's answer on it: cloning for redaction, serializers, and
// stringifying a header object that is the same for every answer of the file. Here that object is stringified once
// (accessHeaders), and each answer only joins strings.
//
// Only for a plain pino logger (no mixin, log formatter, stream hook, nested key, message prefix or other message key): with any of those
// accessLines() answers undefined and the caller logs through logAccess. The headers given must hold nothing the
// logger redacts (cookies, Location, credentials).

/** A response's headers as the log's `res.headers` JSON, in two parts around the request id's value. */
export interface AccessHeaders {
  before: string;
  after: string;
}

/**
 * `headers` (a flat [name, value, …] list as given to writeHead) as the JSON object pino writes for them (lower-case
 * names, as getHeaders() gives them; Content-Length a number, as hapi sets it), split at the value at `idAt` (the
 * request id), which changes per answer.
 */
export function accessHeaders(headers: readonly string[], idAt: number): AccessHeaders {
  let before = '{';
  let after = '';
  for (let i = 0; i < headers.length; i += 2) {
    const name = headers[i]!.toLowerCase();
    const pair = `${i === 0 ? '' : ','}${JSON.stringify(name)}:`;
    // hapi sets Content-Length as a number, and its line shows one.
    const value = name === 'content-length' ? String(Number(headers[i + 1])) : JSON.stringify(headers[i + 1]);
    if (i + 1 < idAt) before += pair + value;
    else if (i + 1 === idAt) before += pair;
    else after += pair + value;
  }
  return { before, after: `${after}}` };
}

export interface AccessLineFields {
  id: string;
  /** Lower case, as hapi has it. */
  method: string;
  /** The path without the query, as a JSON string (quotes included). */
  pathJson: string;
  /** The client's address, as a JSON string. */
  clientJson: string;
  statusCode: number;
  headers: AccessHeaders;
  /** When the request arrived (Date.now()). */
  received: number;
}

export type AccessLineWriter = (fields: AccessLineFields) => void;

interface InfoLogger {
  isLevelEnabled(level: string): boolean;
}

type Stream = { write(line: string): unknown };

const writers = new WeakMap<object, AccessLineWriter | null>();

/** The writer for `logger`'s info lines, or undefined when it isn't a plain pino logger (see the top of the file). */
export function accessLines(logger: object | undefined): AccessLineWriter | undefined {
  if (logger === undefined) return undefined;
  let writer = writers.get(logger);
  if (writer === undefined) {
    writer = makeWriter(logger as InfoLogger);
    writers.set(logger, writer);
  }
  return writer ?? undefined;
}

function makeWriter(logger: InfoLogger): AccessLineWriter | null {
  const internal = logger as unknown as Record<symbol, unknown>;
  // pino's own keys, found by name on this logger: the copy of pino that made it (hapi-pino has its own) has its
  // own symbols.
  const sym = symbolsOf(logger);
  const [lsCacheSym, chindingsSym, timeSym, streamSym, mixinSym, formattersSym, messageKeySym, endSym, nestedKeySym, msgPrefixSym] = [
    'pino.lsCache',
    'pino.chindings',
    'pino.time',
    'pino.stream',
    'pino.mixin',
    'pino.formatters',
    'pino.messageKey',
    'pino.end',
    'pino.nestedKey',
    'pino.msgPrefix',
  ].map((name) => sym.get(name) ?? Symbol(name));
  const hooksSym = Symbol.for('pino.hooks');
  const needsMetadataGsym = Symbol.for('pino.metadata');
  const levelCache = internal[lsCacheSym] as Record<number, string> | undefined;
  const stream = internal[streamSym] as (Stream & Record<symbol, unknown>) | undefined;
  const plain =
    typeof levelCache?.[30] === 'string' &&
    typeof internal[chindingsSym] === 'string' &&
    typeof internal[timeSym] === 'function' &&
    typeof stream?.write === 'function' &&
    stream[needsMetadataGsym] !== true &&
    !internal[mixinSym] &&
    !(internal[formattersSym] as { log?: unknown } | undefined)?.log &&
    !(internal[hooksSym] as { streamWrite?: unknown } | undefined)?.streamWrite &&
    internal[messageKeySym] === 'msg' &&
    !internal[nestedKeySym] &&
    !internal[msgPrefixSym] &&
    internal[endSym] === '}\n';
  if (!plain) return null;
  const level = levelCache![30]!;
  return (f) => {
    if (!logger.isLevelEnabled('info')) return;
    const responseTime = Date.now() - f.received;
    // The stream, time and bindings are read per line, as pino does; the rest was checked above.
    const time = (internal[timeSym] as () => string).call(logger);
    (internal[streamSym] as Stream).write(
      `${level}${time}${internal[chindingsSym] as string},"req":{"id":${JSON.stringify(f.id)},"method":"${f.method}","url":${f.pathJson}},` +
        `"client":${f.clientJson},"res":{"statusCode":${f.statusCode},"headers":${f.headers.before}${JSON.stringify(f.id)}${f.headers.after}},` +
        `"responseTime":${responseTime},"msg":"[response] ${f.method} ${f.pathJson.slice(1, -1)} ${f.statusCode} (${responseTime}ms)"}\n`,
    );
  };
}

/** The symbol-named keys of `object` and its prototypes, by description. */
function symbolsOf(object: object): Map<string, symbol> {
  const found = new Map<string, symbol>();
  for (let o: object | null = object; o !== null; o = Object.getPrototypeOf(o) as object | null) {
    for (const key of Object.getOwnPropertySymbols(o)) if (key.description !== undefined && !found.has(key.description)) found.set(key.description, key);
  }
  return found;
}
