import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';
import { freePort } from './free-port';
import type { RunningService } from './embedded-postgres';

/**
 * A local SMTP server that accepts every message and keeps it as an `.eml` file in `dir`. The main command uses it
 * when no SMTP_URL is given (admins read the files in the UI); tests use it to read what was really sent over SMTP.
 */
export async function startSmtpSink(opts: { dir: string; port?: number }): Promise<RunningService & { dir: string }> {
  const dir = path.resolve(opts.dir);
  mkdirSync(dir, { recursive: true });
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('error', callback);
      stream.on('end', () => {
        const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomUUID()}.eml`;
        const envelope = `X-Envelope-To: ${session.envelope.rcptTo.map((r) => r.address).join(', ')}\r\n`;
        // Written under a temporary name and renamed: a sink killed mid-write leaves no half message among the
        // `.eml` files (the client got no 250 and sends it again).
        const final = path.join(dir, name);
        writeFile(`${final}.part`, Buffer.concat([Buffer.from(envelope), ...chunks]))
          .then(() => rename(`${final}.part`, final))
          .then(() => callback(), callback);
      });
    },
  });
  const port = opts.port ?? (await freePort());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    url: `smtp://127.0.0.1:${port}`,
    dir,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The raw messages a sink directory holds, oldest first. */
export function readSinkMessages(dir: string): { file: string; raw: string }[] {
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.eml')).sort();
  } catch {
    return [];
  }
  return files.map((file) => ({ file, raw: readFileSync(path.join(dir, file), 'utf8') }));
}
