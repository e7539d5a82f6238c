import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A running test SMTP server: its port, what it received (parsed), and how to stop it. */
export interface TestSmtpServer {
  /** The port on 127.0.0.1. */
  port: number;
  /** Every message received, parsed by mailparser, oldest first. */
  received: ParsedMail[];
  /** Stops listening. */
  close: () => Promise<void>;
}

/**
 * A real SMTP server (the `smtp-server` package) on 127.0.0.1, no STARTTLS offered, that parses
 * what it receives with mailparser. `port` 0 picks a free one; pass a port to come back on it.
 */
export async function startSmtp(port = 0): Promise<TestSmtpServer> {
  const received: ParsedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          received.push(mail);
          callback();
        })
        .catch((error: unknown) => callback(error instanceof Error ? error : new Error(String(error))));
    },
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.server.address() as AddressInfo;
  return { port: address.port, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

