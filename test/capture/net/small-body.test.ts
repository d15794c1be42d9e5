// Small bodies of a declared length are read in one go (read-body.ts): they keep the limits, the byte
// budget, the deadline and the caller's signal of the chunk-by-chunk read.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { FetchFailed } from '../../../src/capture/net/fetch-failure.ts';
import { createGuardedFetcher, type FetchOptions } from '../../../src/capture/net/guarded-fetch.ts';

const body = Buffer.from(Array.from({ length: 3000 }, (_, i) => i % 251));
const server = http.createServer((req, res) => {
  res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': body.length });
  // /stall sends part of what it declared, then nothing.
  if (req.url === '/stall') res.write(body.subarray(0, 100));
  else res.end(body);
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const fetcher = createGuardedFetcher({ allowedNetworks: ['127.0.0.0/8'], allowedPorts: [(server.address() as AddressInfo).port] });
const OPTIONS: FetchOptions = { timeoutMs: 5000, maxBytes: 1 << 20 };

afterAll(async () => {
  await fetcher.close();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

async function failure(fetching: Promise<unknown>): Promise<FetchFailed> {
  const err = await fetching.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(FetchFailed);
  return err as FetchFailed;
}

describe('a small body of a declared length', () => {
  it('arrives byte for byte, counted once with onBytes; a budget that says stop fails it as too-large', async () => {
    const counted: number[] = [];
    const res = await fetcher.fetch(`${origin}/`, { ...OPTIONS, onBytes: (n) => void counted.push(n) });
    expect(res.body.equals(body)).toBe(true);
    expect(counted).toEqual([body.length]);
    const err = await failure(fetcher.fetch(`${origin}/`, { ...OPTIONS, onBytes: () => false }));
    expect(err.reason).toBe('too-large');
    expect(err.message).toBe(`${origin}/ was stopped after ${body.length} bytes: the byte budget is used up`);
  });

  it('stops mid-body at the deadline, or when the caller aborts', async () => {
    expect((await failure(fetcher.fetch(`${origin}/stall`, { ...OPTIONS, timeoutMs: 200 }))).reason).toBe('timeout');
    const controller = new AbortController();
    const fetching = fetcher.fetch(`${origin}/stall`, { ...OPTIONS, signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    expect((await failure(fetching)).reason).toBe('aborted');
  });
});
