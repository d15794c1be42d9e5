// A client that drops its connection is routine: it is logged at info, never as a server error.
import net from 'node:net';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signupAndLogin, startTestOutpost, type TestOutpost } from '../support/outpost.ts';

interface LogLine {
  level: number;
  msg?: string;
  err?: { message?: string; code?: string };
  tags?: string[];
}
const INFO = 30;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let outpost: TestOutpost;
let token: string;
const lines: LogLine[] = [];

beforeAll(async () => {
  const logStream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) lines.push(JSON.parse(line));
      done();
    },
  });
  outpost = await startTestOutpost({ LOG_LEVEL: 'info' }, { logStream });
  const session = await signupAndLogin(outpost, 'drops@example.com');
  token = (await outpost.api('/api/tokens', { token: session.token, body: { name: 'drops' } })).body.token;
});
afterAll(() => outpost?.stop());

/** Opens a connection, writes `sent`, waits for `until` (or a moment), then resets the connection (RST). */
async function sendThenReset(sent: string, until?: (received: string) => boolean): Promise<void> {
  const { port } = new URL(outpost.url);
  const socket = net.connect(Number(port), '127.0.0.1');
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  let received = '';
  socket.on('data', (chunk: Buffer) => (received += chunk.toString('utf8')));
  socket.write(sent);
  const deadline = Date.now() + 5_000;
  if (!until) await sleep(200);
  else while (!until(received) && Date.now() < deadline) await sleep(10);
  socket.resetAndDestroy();
  // The server learns of the reset asynchronously.
  await sleep(300);
}

/** The log lines written while `run` ran that are about a dropped connection. */
async function linesDuring(run: () => Promise<void>): Promise<LogLine[]> {
  const from = lines.length;
  await run();
  return lines.slice(from);
}

const about = (line: LogLine, text: RegExp) => text.test(JSON.stringify(line));

describe('a client that drops its connection', () => {
  it('halfway through its request headers: info, not error', async () => {
    const logged = await linesDuring(() => sendThenReset('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Half: '));
    const drop = logged.filter((l) => about(l, /ECONNRESET/));
    expect(drop.length).toBeGreaterThan(0);
    expect(drop.every((l) => l.level === INFO)).toBe(true);
    expect(logged.filter((l) => l.level > INFO)).toEqual([]);
  });

  it('halfway through a request body: info, not error', async () => {
    const head = `POST /api/pages HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"html":"`;
    const logged = await linesDuring(() => sendThenReset(head));
    expect(logged.filter((l) => l.level > INFO)).toEqual([]);
    expect(logged.some((l) => about(l, /ECONNRESET|aborted/))).toBe(true);
  });

  it('while reading an MCP event stream: info, not error', async () => {
    const get = `GET /sse HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${token}\r\nAccept: text/event-stream\r\n\r\n`;
    const logged = await linesDuring(() => sendThenReset(get, (received) => received.includes('event: endpoint')));
    expect(logged.filter((l) => l.level > INFO)).toEqual([]);
  });
});
