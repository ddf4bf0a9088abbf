import type { AppConfig } from '@lyg/config';
import type { ClaimedMessage, OutboxRepository } from '@lyg/notify';
import { Logger } from '@nestjs/common';
import type { Transporter } from 'nodemailer';
import { OutboxSender } from './outbox-sender';

// The sender's decisions with an in-memory outbox and transport; the SMTP and PostgreSQL paths run in
// test/notify.e2e-spec.ts.

const message = (n: number, attempts = 1): ClaimedMessage => ({
  id: `m${n}`,
  caseId: null,
  template: 'complaint_accepted',
  recipient: `r${n}@example.com`,
  language: 'zh-CN',
  data: { caseNumber: `LYG-IP-2026-00000${n}` },
  messageId: `<m${n}@ipcenter.lyg.example>`,
  attempts,
});

function setup(batch: ClaimedMessage[], send: (n: number) => Promise<unknown>, outbox: Partial<AppConfig['outbox']> = {}) {
  const calls = { sent: [] as string[], failed: [] as { id: string; error: string; retryInMs: number | null }[], released: [] as string[], tried: 0 };
  const repo = {
    claimDue: async () => batch,
    markSent: async (id: string) => void calls.sent.push(id),
    markFailed: async (c: ClaimedMessage, error: string, retryInMs: number | null) => void calls.failed.push({ id: c.id, error, retryInMs }),
    release: async (c: ClaimedMessage) => void calls.released.push(c.id),
  } as unknown as OutboxRepository;
  const transport = { sendMail: () => send(calls.tried++), close: () => undefined } as unknown as Transporter;
  const config = { mailFrom: 'x <noreply@ipcenter.lyg.example>', outbox: { batchSize: 20, leaseMs: 60_000, maxAttempts: 8, pollMs: 0, ...outbox } } as AppConfig;
  return { sender: new OutboxSender(repo, transport, config), calls };
}

const smtpError = (code: string, responseCode?: number) => Object.assign(new Error(`${code} failure`), { code, responseCode });

describe('OutboxSender', () => {
  beforeAll(() => Logger.overrideLogger(false));
  afterAll(() => Logger.overrideLogger(['error', 'warn', 'log']));

  it('marks each accepted message sent', async () => {
    const { sender, calls } = setup([message(1), message(2)], async () => ({}));
    expect(await sender.sendDue()).toEqual({ claimed: 2, sent: 2, retrying: 0, dead: 0, released: 0 });
    expect(calls.sent).toEqual(['m1', 'm2']);
  });

  it('an unreachable server fails the whole batch after one try, each message with a back-off', async () => {
    const { sender, calls } = setup([message(1), message(2), message(3)], async () => Promise.reject(smtpError('ESOCKET')));
    expect(await sender.sendDue()).toMatchObject({ claimed: 3, retrying: 3 });
    expect(calls.tried).toBe(1);
    expect(calls.failed.map((f) => f.retryInMs! > 0 && f.error.startsWith('ESOCKET'))).toEqual([true, true, true]);
  });

  it('a rejected recipient fails only its own message', async () => {
    const { sender, calls } = setup([message(1), message(2)], async (n) => (n === 0 ? Promise.reject(smtpError('EENVELOPE', 550)) : {}));
    expect(await sender.sendDue()).toMatchObject({ sent: 1, retrying: 1 });
    expect(calls.failed[0]).toMatchObject({ id: 'm1', error: expect.stringMatching(/^EENVELOPE 550/) });
  });

  it('the last allowed attempt the server refused dead-letters the message', async () => {
    const { sender, calls } = setup([message(1, 3)], async () => Promise.reject(smtpError('EENVELOPE', 550)), { maxAttempts: 3 });
    expect(await sender.sendDue()).toMatchObject({ dead: 1 });
    expect(calls.failed).toEqual([expect.objectContaining({ id: 'm1', retryInMs: null })]);
  });

  it('a server that cannot be reached never dead-letters: the message waits for it, an hour apart at most', async () => {
    const { sender, calls } = setup([message(1, 30), message(2, 3)], async () => Promise.reject(smtpError('ETIMEDOUT')), { maxAttempts: 3 });
    expect(await sender.sendDue()).toMatchObject({ dead: 0, retrying: 2 });
    expect(calls.failed.map((f) => f.retryInMs !== null && f.retryInMs <= 3_600_000)).toEqual([true, true]);
  });

  it('gives back untried messages once half the lease is gone, so no other worker can send them at the same time', async () => {
    const slow = () => new Promise((r) => setTimeout(r, 30));
    const { sender, calls } = setup([message(1), message(2), message(3)], slow, { leaseMs: 40 });
    expect(await sender.sendDue()).toMatchObject({ sent: 1, released: 2 });
    expect(calls.released).toEqual(['m2', 'm3']);
  });

  it('starts no new send once the application is stopping', async () => {
    const { sender, calls } = setup([message(1), message(2)], async () => ({}));
    sender.beforeApplicationShutdown();
    expect(await sender.sendDue()).toMatchObject({ sent: 0, released: 2 });
    expect(calls.tried).toBe(0);
  });
});
