// A real SMTP server (smtp-server) on 127.0.0.1 that keeps every mail it is sent, parsed (mailparser), for
// tests of what Outpost mails: point SMTP_URL at `catcher.url`.
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface CaughtMail {
  /** The envelope's recipients (RCPT TO). */
  to: string[];
  from: string;
  subject: string;
  text: string;
}

export interface MailCatcher {
  /** smtp://127.0.0.1:<port>, for SMTP_URL. */
  url: string;
  /** Every mail received, in order. */
  mails: CaughtMail[];
  /** Every address offered in a RCPT TO, whether or not a mail followed. */
  recipients: string[];
  mailsTo(address: string): CaughtMail[];
  /** The n-th mail (from 1) to `address`, waiting up to `ms` for it. */
  waitForMail(address: string, n?: number, ms?: number): Promise<CaughtMail>;
  close(): Promise<void>;
}

/** The e-mail gate's one-time link, as it appears in a mail or a log line. */
export const EMAIL_LINK = /https?:\/\/\S+\/p\/[0-9A-Za-z]+\/__email\?token=[A-Za-z0-9_-]{43}\S*/;

/** The one-time link in `text`, or undefined. */
export function emailLinkIn(text: string): URL | undefined {
  const match = EMAIL_LINK.exec(text);
  return match ? new URL(match[0]) : undefined;
}

/** Polls `probe` until it returns something, or throws after `ms`. */
export async function waitFor<T>(probe: () => T | undefined, what: string, ms = 5000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export async function startMailCatcher(): Promise<MailCatcher> {
  const mails: CaughtMail[] = [];
  const recipients: string[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      recipients.push(address.address);
      callback();
    },
    onData(stream, session, callback) {
      simpleParser(stream).then((parsed) => {
        mails.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          from: parsed.from?.value[0]?.address ?? '',
          subject: parsed.subject ?? '',
          text: parsed.text ?? '',
        });
        callback();
      }, callback);
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const { port } = smtp.server.address() as AddressInfo;
  const mailsTo = (address: string) => mails.filter((m) => m.to.includes(address));
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    recipients,
    mailsTo,
    waitForMail: (address, n = 1, ms = 5000) => waitFor(() => mailsTo(address)[n - 1], `mail #${n} to ${address}`, ms),
    close: () => new Promise<void>((resolve) => smtp.close(resolve)),
  };
}
