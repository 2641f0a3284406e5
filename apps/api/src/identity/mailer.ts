import { Injectable, Logger } from '@nestjs/common';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

/** Outgoing mail. The default transport writes the message to the structured log (no SMTP configured). */
export abstract class Mailer {
  abstract send(message: MailMessage): Promise<void>;
}

@Injectable()
export class LogMailer extends Mailer {
  private readonly logger = new Logger('Mailer');

  async send(message: MailMessage): Promise<void> {
    this.logger.log(
      { mail: { to: message.to, subject: message.subject, text: message.text } },
      'mail sent to log transport',
    );
  }
}
