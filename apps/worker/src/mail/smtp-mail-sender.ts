import { createTransport, Transporter } from 'nodemailer';
import type { MailJob } from '@oversing/platform';

/** The SMTP side of the `mail` queue: nodemailer over SMTP_URL (smtp:// or smtps://, credentials in the URL). */
export class SmtpMailSender {
  private readonly transport: Transporter;

  constructor(
    smtpUrl: string,
    private readonly from: string,
  ) {
    this.transport = createTransport(smtpUrl);
  }

  /** Sends one message; throws when the server refuses it or cannot be reached (BullMQ retries). */
  async send(mail: MailJob): Promise<{ messageId: string }> {
    const info = await this.transport.sendMail({
      from: this.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      headers: { 'X-Oversing-Mail': mail.kind },
    });
    return { messageId: String(info.messageId) };
  }

  close(): void {
    this.transport.close();
  }
}
