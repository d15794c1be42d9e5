// API shapes of watches and their signals.
import type { WatchDoc } from '../watches/watches.ts';
import { signalPayload } from '../watches/signals.ts';
import type { WatchWithSecret } from '../watches/watch-service.ts';
import { timestamp } from './views.ts';

export const signalView = signalPayload;

export const watchView = (w: WatchDoc) => ({
  id: w._id,
  page_id: w.page_id,
  source_url: w.source_url,
  schedule: w.schedule,
  state: w.state,
  next_run_at: w.state === 'active' && w.next_run_at ? timestamp(w.next_run_at) : null,
  last_run_at: w.last_run_at ? timestamp(w.last_run_at) : null,
  run_count: w.run_count,
  last_signal: w.last_signal ? signalPayload(w.last_signal) : null,
  webhook: w.webhook && { url: w.webhook.url, state: w.webhook.state, failures: w.webhook.failures, disabled_reason: w.webhook.disabled_reason },
  email: w.email,
  created_at: timestamp(w.created_at),
  updated_at: timestamp(w.updated_at),
});

export const watchWithSecretView = ({ watch, webhookSecret }: WatchWithSecret) => ({ watch: watchView(watch), webhook_secret: webhookSecret });
