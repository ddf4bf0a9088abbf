// Child processes the fault suite can kill and start again: each runs in its own process group (detached), so a
// kill reaches the whole group (a PostgreSQL postmaster and its backends, a launcher and anything it spawned), and
// its output goes to a log file of its own that a failing test names.
import { type ChildProcess, spawn } from 'node:child_process';
import { appendFileSync, closeSync, openSync } from 'node:fs';

export interface ProcessSpec {
  name: string;
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  cwd?: string;
  uid?: number;
  gid?: number;
  logFile: string;
  /**
   * Resolves once the process serves; it is given the output so far (stdout and stderr together) and whether the
   * start was given up (the process exited or timed out), at which point it should stop probing.
   */
  ready: (ctx: ReadyContext) => Promise<unknown>;
  readyTimeoutMs?: number;
}

export interface ReadyContext {
  output(): string;
  cancelled(): boolean;
}

const live = new Set<ManagedProcess>();
let exitHookInstalled = false;

/** SIGKILL to every child still running (their whole process groups). */
export function killAllNow(): void {
  for (const p of live) p.killNow('SIGKILL');
}

/** Whatever the test did, no child outlives the test process. */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', killAllNow);
}

/** A process that ended without the suite stopping it: when, how, and the end of its output. */
export interface UnexpectedExit {
  name: string;
  pid: number | undefined;
  at: string;
  code: number | null;
  signal: NodeJS.Signals | null;
  tail: string;
}

export class ManagedProcess {
  private child: ChildProcess | null = null;
  private exited: Promise<number | null> | null = null;
  private output = '';
  /** A signal was sent to the current run (so its end is expected). */
  private signalled = false;
  /** Runs that ended on their own (a crash, an exit the suite did not ask for). */
  readonly unexpectedExits: UnexpectedExit[] = [];
  /** How many times it was started (1 after the first start). */
  starts = 0;

  constructor(readonly spec: ProcessSpec) {
    installExitHook();
  }

  get pid(): number | null {
    return this.child?.pid ?? null;
  }

  get running(): boolean {
    return this.child !== null;
  }

  /** Output of the current run (since the last start). */
  log(): string {
    return this.output;
  }

  async start(): Promise<void> {
    if (this.child) throw new Error(`${this.spec.name} is already running (pid ${this.child.pid})`);
    this.output = '';
    this.signalled = false;
    const fd = openSync(this.spec.logFile, 'a');
    appendFileSync(fd, `\n===== ${new Date().toISOString()} start #${this.starts + 1} of ${this.spec.name}\n`);
    closeSync(fd);
    const child = spawn(this.spec.command, this.spec.args, {
      cwd: this.spec.cwd,
      env: this.spec.env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(this.spec.uid !== undefined ? { uid: this.spec.uid, gid: this.spec.gid } : {}),
    });
    this.child = child;
    live.add(this);
    this.starts++;
    const onData = (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      // Only the tail is kept in memory; the log file has everything.
      this.output = (this.output + text).slice(-200_000);
      appendFileSync(this.spec.logFile, text);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        const at = new Date().toISOString();
        appendFileSync(this.spec.logFile, `\n===== ${at} ${this.spec.name} exited (${signal ?? code})\n`);
        if (!this.signalled) this.unexpectedExits.push({ name: this.spec.name, pid: child.pid, at, code, signal, tail: this.output.slice(-4000) });
        if (this.child === child) this.child = null;
        live.delete(this);
        resolve(code);
      });
    });
    const timeoutMs = this.spec.readyTimeoutMs ?? 90_000;
    let timer: NodeJS.Timeout | undefined;
    let cancelled = false;
    try {
      await Promise.race([
        this.spec.ready({ output: () => this.output, cancelled: () => cancelled }),
        this.exited.then((code) => {
          throw new Error(`${this.spec.name} exited (${code}) before it was ready; log ${this.spec.logFile}:\n${this.output.slice(-3000)}`);
        }),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error(`${this.spec.name} not ready within ${timeoutMs} ms; log ${this.spec.logFile}:\n${this.output.slice(-3000)}`)), timeoutMs);
        }),
      ]);
    } catch (e) {
      this.killNow('SIGKILL');
      await this.exited;
      throw e;
    } finally {
      cancelled = true;
      clearTimeout(timer);
    }
  }

  /** Sends `signal` to the whole process group now (no wait). */
  killNow(signal: NodeJS.Signals): void {
    const pid = this.child?.pid;
    if (!pid) return;
    // SIGSTOP and SIGCONT pause and resume; any other signal asks the process to end.
    if (signal !== 'SIGSTOP' && signal !== 'SIGCONT') this.signalled = true;
    try {
      process.kill(-pid, signal);
    } catch {
      // already gone
    }
  }

  /** `kill -9` of the whole group; resolves when the process is gone. */
  async kill(): Promise<void> {
    await this.signalAndWait('SIGKILL', 10_000);
  }

  /** A polite stop (`signal`, SIGTERM by default), SIGKILL after `graceMs`. */
  async stop(signal: NodeJS.Signals = 'SIGTERM', graceMs = 15_000): Promise<void> {
    if (!this.child) return;
    const exited = this.exited;
    this.killNow(signal);
    const done = await Promise.race([exited, timeout(graceMs)]);
    if (done === 'timeout') await this.kill();
  }

  private async signalAndWait(signal: NodeJS.Signals, timeoutMs: number): Promise<void> {
    if (!this.child) return;
    const exited = this.exited;
    this.killNow(signal);
    const done = await Promise.race([exited, timeout(timeoutMs)]);
    if (done === 'timeout') throw new Error(`${this.spec.name} did not exit after ${signal}`);
  }

  /** Pauses (SIGSTOP) or resumes (SIGCONT) the whole group: a process that hangs instead of refusing. */
  freeze(on: boolean): void {
    this.killNow(on ? 'SIGSTOP' : 'SIGCONT');
  }
}

/** Resolves 'timeout' after `ms`, without keeping the process alive for it. */
const timeout = (ms: number) => new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), ms).unref());

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Polls `probe` until it resolves truthy (or `cancelled` says to stop). */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | null | undefined | false>,
  timeoutMs = 60_000,
  everyMs = 200,
  cancelled: () => boolean = () => false,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: unknown = null;
  for (;;) {
    if (cancelled()) throw new Error(`gave up waiting for ${what}`);
    try {
      const v = await probe();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}${last ? `: ${last instanceof Error ? last.message : String(last)}` : ''}`);
    await sleep(everyMs);
  }
}

/** Resolves once `pattern` appears in the output. */
export function outputMatches(pattern: RegExp, everyMs = 100) {
  return async (ctx: ReadyContext): Promise<void> => {
    while (!pattern.test(ctx.output())) {
      if (ctx.cancelled()) return;
      await sleep(everyMs);
    }
  };
}
