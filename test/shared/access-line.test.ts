// The access-log line built as text (src/shared/access-line.ts) against the line pino itself writes for the same
// fields, on real pino loggers.
import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { accessHeaders, accessLines } from '../../src/shared/access-line.ts';
import { logAccess } from '../../src/shared/access-log.ts';

function sink() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      callback();
    },
  });
  return { lines, stream };
}

const HEADERS = ['Content-Type', 'text/html; charset=utf-8', 'etag', '"a\\"b"', 'x-request-id', '', 'content-length', '10240'];
const ID_AT = 5;

describe('the access line built as text', () => {
  it('is the line pino writes for the same fields, but for the time', () => {
    const { lines, stream } = sink();
    // hapi-pino's serializers for req and res.
    const logger = pino({ level: 'info', serializers: { req: pino.stdSerializers.req, res: pino.stdSerializers.res } }, stream);
    const write = accessLines(logger)!;
    expect(write).toBeDefined();
    const received = Date.now();
    const headers = [...HEADERS];
    headers[ID_AT] = 'id-1';
    write({
      id: 'id-1',
      method: 'get',
      pathJson: JSON.stringify('/p/abc/a "quoted" path'),
      clientJson: JSON.stringify('::1'),
      statusCode: 200,
      headers: accessHeaders(headers, ID_AT),
      received,
    });
    logAccess(logger, {
      id: 'id-1',
      method: 'get',
      path: '/p/abc/a "quoted" path',
      client: '::1',
      statusCode: 200,
      getHeaders: () => ({ 'content-type': 'text/html; charset=utf-8', etag: '"a\\"b"', 'x-request-id': 'id-1', 'content-length': 10240 }) as never,
      received,
    });
    expect(lines).toHaveLength(2);
    const [ours, theirs] = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const untimed = (line: Record<string, unknown>) => JSON.stringify({ ...line, time: 0, responseTime: 0, msg: String(line.msg).replace(/\(\d+ms\)$/, '') });
    expect(untimed(ours!)).toBe(untimed(theirs!));
  });

  it('writes nothing below info, and is not offered for a logger pino would write differently', () => {
    const { lines, stream } = sink();
    const quiet = pino({ level: 'warn' }, stream);
    accessLines(quiet)!({ id: 'x', method: 'get', pathJson: '"/"', clientJson: '"::1"', statusCode: 200, headers: accessHeaders([], -1), received: 0 });
    expect(lines).toHaveLength(0);
    expect(accessLines(pino({ mixin: () => ({ extra: 1 }) }, stream))).toBeUndefined();
    expect(accessLines(pino({ formatters: { log: (o) => o } }, stream))).toBeUndefined();
    expect(accessLines(pino({ messageKey: 'message' }, stream))).toBeUndefined();
    expect(accessLines(pino({ nestedKey: 'payload' }, stream))).toBeUndefined();
    expect(accessLines(pino({}, stream).child({}, { msgPrefix: '[web] ' }))).toBeUndefined();
    expect(accessLines(undefined)).toBeUndefined();
  });
});
