// An SMTP transport (nodemailer) made with the first mail rather than when the server starts; a failed load is
// thrown to that mail's sender and tried again by the next.
import type { SendMailOptions } from 'nodemailer';
import { loadOnce } from './load-once.ts';

export interface MailTransport {
  send(mail: SendMailOptions): Promise<void>;
  /** Closes the transport if one was made. */
  close(): void;
}

export function lazySmtpTransport(smtpUrl: string): MailTransport {
  const transport = loadOnce(() => import('nodemailer').then((nodemailer) => nodemailer.default.createTransport(smtpUrl)));
  return {
    async send(mail) {
      await (await transport()).sendMail(mail);
    },
    close() {
      void transport.current()?.then(
        (t) => t.close(),
        () => {},
      );
    },
  };
}
