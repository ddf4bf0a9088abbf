// Everything a process writes to its logs, captured for the S7 checks: the Nest logger (replaced with a
// recording one), the console (TypeORM logs through it) and the raw stdout / stderr streams.
import type { INestApplication, LoggerService } from '@nestjs/common';

export interface LogCapture {
  text(): string;
  lines: string[];
  restore(): void;
}

export function captureLogs(app: INestApplication): LogCapture {
  const lines: string[] = [];
  const record =
    (source: string) =>
    (...args: unknown[]) => {
      lines.push(`${source} ${args.map((a) => (a instanceof Error ? `${a.message}\n${a.stack}` : typeof a === 'string' ? a : JSON.stringify(a))).join(' ')}`);
    };
  const logger: LoggerService = {
    log: record('nest.log'),
    error: record('nest.error'),
    warn: record('nest.warn'),
    debug: record('nest.debug'),
    verbose: record('nest.verbose'),
    fatal: record('nest.fatal'),
  };
  app.useLogger(logger);
  const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((m) => jest.spyOn(console, m).mockImplementation(record(`console.${m}`)));
  const writes = (['stdout', 'stderr'] as const).map((s) => {
    const stream = process[s];
    const original = stream.write.bind(stream);
    stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      lines.push(`${s} ${typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8')}`);
      return (original as (c: string | Uint8Array, ...r: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof stream.write;
    return () => {
      stream.write = original as typeof stream.write;
    };
  });
  return {
    lines,
    text: () => lines.join('\n'),
    restore: () => {
      for (const s of spies) s.mockRestore();
      for (const undo of writes) undo();
    },
  };
}

/** The secrets and personal data a log must never hold, and where each was found. */
export function leaks(text: string, secrets: Record<string, string>): string[] {
  return Object.entries(secrets)
    .filter(([, v]) => v && text.includes(v))
    .map(([k]) => k);
}
