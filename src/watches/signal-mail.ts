// A watch's e-mail: each signal that says something changed or failed is mailed through SMTP_URL
// (nodemailer, loaded with the first mail); without SMTP_URL the mail is written to the server log.
import type { Config } from '../config/config.ts';
import { lazySmtpTransport } from '../shared/mail-transport.ts';
import type { SignalDoc } from './signals.ts';
import type { WatchDoc } from './watches.ts';

export interface MailLogger {
  info(bindings: object, message: string): void;
}

export interface SignalMailer {
  send(watch: WatchDoc, signal: SignalDoc, pageUrl: string): Promise<void>;
  close(): void;
}

function mailText(watch: WatchDoc, signal: SignalDoc, pageUrl: string): { subject: string; text: string } {
  const subject = signal.outcome === 'failed' ? `Watch failed: ${watch.source_url}` : `Changed: ${watch.source_url}`;
  const lines = [`${signal.summary}`, '', `Source: ${watch.source_url}`, `Page: ${pageUrl}`];
  if (signal.changes?.text_added.length) lines.push('', 'Added:', ...signal.changes.text_added.map((l) => `+ ${l}`));
  if (signal.changes?.text_removed.length) lines.push('', 'Removed:', ...signal.changes.text_removed.map((l) => `- ${l}`));
  if (signal.failure) lines.push('', signal.failure.message);
  return { subject, text: `${lines.join('\n')}\n` };
}

export function createSignalMailer(config: Pick<Config, 'smtpUrl' | 'mailFrom'>, logger: () => MailLogger): SignalMailer {
  const transport = config.smtpUrl ? lazySmtpTransport(config.smtpUrl) : undefined;
  return {
    async send(watch, signal, pageUrl) {
      const { subject, text } = mailText(watch, signal, pageUrl);
      if (!transport) {
        logger().info({ watch: watch._id }, `SMTP_URL is not set; watch mail for ${watch.email}: ${subject}`);
        return;
      }
      await transport.send({ from: config.mailFrom, to: watch.email!, subject, text });
    },
    close() {
      transport?.close();
    },
  };
}
