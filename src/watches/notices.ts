// What follows a run that changed or failed: the watch's e-mail and its webhook delivery (through the
// SSRF-guarded fetcher), with the webhook's failures counted and the webhook disabled after too many.
import type { Db } from 'mongodb';
import type { Config } from '../config/config.ts';
import { createGuardedFetcher, type GuardedFetcher } from '../capture/net/guarded-fetch.ts';
import type { LookupHook } from '../capture/net/host-lookup.ts';
import type { Keyring } from '../pages/secrets.ts';
import { createSignalMailer, type MailLogger, type SignalMailer } from './signal-mail.ts';
import { signalPayload, type SignalDoc } from './signals.ts';
import { decryptWebhookSecret, deliverWebhook, MAX_WEBHOOK_FAILURES } from './webhook.ts';
import { watchDocs, type WatchDoc } from './watches.ts';

export interface NoticeLogger extends MailLogger {
  warn(bindings: object, message: string): void;
}

export interface NoticeOptions {
  db: Db;
  config: Config;
  keyring: Keyring;
  /** The page URLs mails point to. */
  publicUrl: () => string;
  /** Resolves host names for webhook deliveries instead of DNS (tests). */
  lookup?: LookupHook;
  /** Waits between webhook delivery attempts. */
  retryDelaysMs: readonly number[];
  logger: () => NoticeLogger | undefined;
}

export class WatchNotices {
  readonly #o: NoticeOptions;
  readonly #fetcher: GuardedFetcher;
  readonly #mailer: SignalMailer;
  readonly #stopping = new AbortController();
  readonly #sending = new Set<Promise<void>>();

  constructor(options: NoticeOptions) {
    this.#o = options;
    const { capture } = options.config;
    this.#fetcher = createGuardedFetcher(
      { allowedNetworks: capture.allowedNetworks, allowedPorts: capture.allowedPorts, lookup: options.lookup },
      { connectTimeoutMs: capture.connectTimeoutMs, userAgent: 'Outpost-Webhook/0.1' },
    );
    this.#mailer = createSignalMailer(options.config, () => options.logger() ?? { info() {} });
  }

  /** Sends the notices of `signal` in the background (`stop` waits for them). */
  send(watch: WatchDoc, signal: SignalDoc): void {
    // A run that found nothing new is not worth a notice.
    if (signal.outcome === 'unchanged') return;
    const sending = this.#send(watch, signal).finally(() => this.#sending.delete(sending));
    this.#sending.add(sending);
  }

  /** Cuts the deliveries in progress and later ones short (not counted as the receiver's failures). */
  abort(): void {
    this.#stopping.abort();
  }

  /** Waits for the notices in progress, then closes connections (after `abort`, they end soon). */
  async close(): Promise<void> {
    await Promise.all(this.#sending);
    this.#mailer.close();
    await this.#fetcher.close();
  }

  async #send(watch: WatchDoc, signal: SignalDoc): Promise<void> {
    if (watch.email) {
      await this.#mailer
        .send(watch, signal, `${this.#o.publicUrl()}/p/${watch.page_id}`)
        .catch((err: unknown) => this.#o.logger()?.warn({ err, watch: watch._id }, 'watches: could not send the signal mail'));
    }
    await this.#deliver(watch, signal);
  }

  async #deliver(watch: WatchDoc, signal: SignalDoc): Promise<void> {
    const { db, keyring } = this.#o;
    const hook = watch.webhook;
    if (!hook || hook.state !== 'active') return;
    const body = JSON.stringify({
      event: 'watch.signal',
      watch_id: watch._id,
      page_id: watch.page_id,
      source_url: watch.source_url,
      signal: signalPayload(signal),
    });
    const secret = decryptWebhookSecret(keyring, watch._id, hook.secret);
    const failed = await deliverWebhook(this.#fetcher, hook.url, secret, body, this.#o.retryDelaysMs, this.#stopping.signal);
    // Only if the webhook is still the one this delivery used.
    const same = { _id: watch._id, 'webhook.url': hook.url, 'webhook.secret.ct': hook.secret.ct };
    if (failed === null) {
      await watchDocs(db).updateOne(same, { $set: { 'webhook.failures': 0 } });
      return;
    }
    // A delivery cut short by the server stopping is not the receiver's failure.
    if (this.#stopping.signal.aborted) return;
    const after = await watchDocs(db).findOneAndUpdate(same, { $inc: { 'webhook.failures': 1 } }, { returnDocument: 'after' });
    if (after?.webhook && after.webhook.failures >= MAX_WEBHOOK_FAILURES && after.webhook.state === 'active') {
      const reason = `Disabled after ${after.webhook.failures} runs in a row whose delivery failed; the last: ${failed}`;
      await watchDocs(db).updateOne(same, { $set: { 'webhook.state': 'disabled', 'webhook.disabled_reason': reason } });
    }
  }
}
