import { SESClient, SendEmailCommand } from '@aws-sdk/client-ses';
import type { EmailSender } from './sender.js';

export interface SesSenderOptions {
  /** Verified sender identity, e.g. `Portico <no-reply@example.com>`. */
  from: string;
  /** AWS region; default `us-east-1`. */
  region?: string;
  /** Endpoint override (the local SES stand-in). With it, dummy credentials are used. */
  endpoint?: string;
  /** Explicit credentials; without them (and without `endpoint`) the default AWS chain applies. */
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

/** An EmailSender over SES v1 SendEmail (`@aws-sdk/client-ses`), plus `close()` for the client. */
export function sesEmailSender(opts: SesSenderOptions): EmailSender & { close(): void } {
  const credentials =
    opts.credentials ??
    // The stand-in checks that an AWS-style signature is present, not who signed.
    (opts.endpoint ? { accessKeyId: 'local', secretAccessKey: 'local' } : undefined);
  const client = new SESClient({
    region: opts.region ?? 'us-east-1',
    ...(opts.endpoint ? { endpoint: opts.endpoint } : {}),
    ...(credentials ? { credentials } : {}),
  });
  return {
    async send(message) {
      await client.send(
        new SendEmailCommand({
          Source: opts.from,
          Destination: { ToAddresses: [message.to] },
          Message: {
            Subject: { Data: message.subject, Charset: 'UTF-8' },
            Body: {
              Text: { Data: message.text, Charset: 'UTF-8' },
              Html: { Data: message.html, Charset: 'UTF-8' },
            },
          },
        }),
      );
    },
    close: () => client.destroy(),
  };
}
