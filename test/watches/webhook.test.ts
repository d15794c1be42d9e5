// Webhook deliveries through the SSRF-guarded fetcher: the signature is over the exact body received, a
// redirect is not followed, and a name resolving to a refused address is not reached.
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createGuardedFetcher, type GuardedFetcher } from '../../src/capture/net/guarded-fetch.ts';
import { deliverWebhook, newWebhookSecret, SIGNATURE_HEADER } from '../../src/watches/webhook.ts';
import { startFixtureServer, type FixtureServer } from '../support/capture-fixtures.ts';

let allowed: FixtureServer;
let refused: FixtureServer;
let fetcher: GuardedFetcher;
const received: { body: string; signature: string | undefined }[] = [];

beforeAll(async () => {
  [allowed, refused] = await Promise.all([startFixtureServer(), startFixtureServer({ host: '127.0.0.2' })]);
  allowed.route('/hook', {
    handler: (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({ body: Buffer.concat(chunks).toString('utf8'), signature: req.headers[SIGNATURE_HEADER] as string | undefined });
        res.writeHead(204).end();
      });
    },
  });
  allowed.route('/moved', { status: 307, redirect: '/hook' });
  refused.route('/hook', { status: 204 });
  fetcher = createGuardedFetcher({
    allowedNetworks: ['127.0.0.1/32'],
    allowedPorts: [allowed.port, refused.port],
    lookup: async () => [{ address: '127.0.0.2', family: 4 }],
  });
});

afterAll(async () => {
  await fetcher?.close();
  await Promise.all([allowed?.close(), refused?.close()]);
});

it('signs the exact body it sends', async () => {
  const secret = newWebhookSecret();
  const body = JSON.stringify({ event: 'watch.signal', text: 'prix: 10 € → 12 €' });
  expect(await deliverWebhook(fetcher, allowed.url('/hook'), secret, body, [])).toBeNull();
  expect(received).toHaveLength(1);
  expect(received[0].body).toBe(body);
  expect(received[0].signature).toBe(`sha256=${createHmac('sha256', secret).update(received[0].body).digest('hex')}`);
});

it('does not follow a redirect: the answer is a failure', async () => {
  const before = received.length;
  const failed = await deliverWebhook(fetcher, allowed.url('/moved'), newWebhookSecret(), '{}', []);
  expect(failed).toMatch(/answered 307/);
  expect(received).toHaveLength(before);
});

it('refuses a name that resolves to an address outside the allowed networks, every attempt', async () => {
  const failed = await deliverWebhook(fetcher, `http://hooks.example:${refused.port}/hook`, newWebhookSecret(), '{}', [1, 1]);
  expect(failed).toContain('is blocked: hooks.example resolves to an address that is not public');
  expect(refused.requests()).toEqual([]);
});
