import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string[];
  /** The raw message, headers and body, as the SMTP client sent it. */
  data: string;
  subject: string;
  messageId: string;
}

/**
 * A real SMTP server on loopback that keeps every message it accepts. While `stalling`, it takes
 * a message's data but never answers, as a server that hangs would: the message is not accepted.
 */
export async function startSmtpSink() {
  const received: ReceivedMail[] = [];
  let stalled = 0;
  const sink = {
    received,
    stalling: false,
    /** Messages whose data arrived while stalling, left unanswered. */
    get stalled() {
      return stalled;
    },
    url: '',
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      let data = '';
      stream.on('data', (chunk: Buffer) => (data += chunk.toString('utf8')));
      stream.on('end', () => {
        if (sink.stalling) {
          stalled++;
          return;
        }
        const unfolded = data.replace(/\r\n[ \t]+/g, ' ');
        received.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          data,
          subject: /^Subject: (.*)$/im.exec(unfolded)?.[1]?.trim() ?? '',
          messageId: /^Message-ID: (.*)$/im.exec(unfolded)?.[1]?.trim() ?? '',
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  sink.url = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  return sink;
}
