// An SMTP transport (nodemailer) made with the first mail rather than when the server starts; a failed load is
// thrown to that mail's sender and tried again by the next.
import type { SendMailOptions, Transporter } from 'nodemailer';

export interface MailTransport {
  send(mail: SendMailOptions): Promise<void>;
  /** Closes the transport if one was made. */
  close(): void;
}

export function lazySmtpTransport(smtpUrl: string): MailTransport {
  let transport: Promise<Transporter> | undefined;
  const transportNow = () =>
    (transport ??= import('nodemailer').then(
      (nodemailer) => nodemailer.default.createTransport(smtpUrl),
      (err: unknown) => {
        transport = undefined;
        throw err;
      },
    ));
  return {
    async send(mail) {
      await (await transportNow()).sendMail(mail);
    },
    close() {
      void transport?.then(
        (t) => t.close(),
        () => {},
      );
    },
  };
}
