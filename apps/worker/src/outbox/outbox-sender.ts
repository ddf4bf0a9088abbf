import { APP_CONFIG, type AppConfig } from '@lyg/config';
import { type ClaimedMessage, isExhausted, OutboxRepository, renderNotice, isNoticeTemplate, outageRetryDelayMs, retryDelayMs } from '@lyg/notify';
import { type BeforeApplicationShutdown, Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { Transporter } from 'nodemailer';

export const OUTBOX_TRANSPORT = Symbol('OUTBOX_TRANSPORT');

export interface SendReport {
  claimed: number;
  sent: number;
  /** Failed, to be tried again after a back-off. */
  retrying: number;
  /** Failed for the last time, or could never succeed (an unknown template): dead-lettered for an admin. */
  dead: number;
  /** Given back untried: the lease ran short or the worker is stopping. */
  released: number;
}

interface Failure {
  error: string;
  /** Retrying cannot help: the message itself is wrong. */
  permanent: boolean;
  /** The server is unreachable: the rest of the batch would fail the same way. */
  serverDown: boolean;
}

// Nodemailer's codes for a server that cannot be reached or dropped the connection, and SMTP 421 (service not
// available): every other message of the batch would wait for the same timeouts and fail the same way.
const SERVER_DOWN_CODES = new Set(['ECONNECTION', 'ESOCKET', 'ETIMEDOUT', 'EDNS']);

/** Addresses stay out of the logs (quality.md S7); the row and the admin view keep the full error. */
const maskEmails = (s: string) => s.replace(/([\w.+-])[\w.+-]*@([\w-]+\.)+[\w-]+/g, '$1***@***');

/**
 * Sends the transactional outbox over SMTP (architecture.md decision 5). A batch is claimed in one short statement
 * (lease + attempt counted), then each message is sent outside any transaction with its stored Message-ID, so a
 * retry after a crash or a lost reply is recognisable as the same message. Delivery is at least once: a message is
 * marked sent only after the server accepted it.
 */
@Injectable()
export class OutboxSender implements BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger('outbox');
  private stopping = false;
  /** When this worker first found the SMTP server unreachable (null while it is reachable). */
  private downSince: number | null = null;

  constructor(
    private readonly outbox: OutboxRepository,
    @Inject(OUTBOX_TRANSPORT) private readonly transport: Transporter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Claims one batch of due messages and tries each once. */
  async sendDue(): Promise<SendReport> {
    const { batchSize, leaseMs, maxAttempts } = this.config.outbox;
    const claimedAt = Date.now();
    const batch = await this.outbox.claimDue(batchSize, leaseMs);
    const report: SendReport = { claimed: batch.length, sent: 0, retrying: 0, dead: 0, released: 0 };
    let serverDown: Failure | null = null;
    for (const msg of batch) {
      // Half the lease is left for the send in flight (bounded by the transport's timeouts): past it, another worker
      // could claim the rest while we still hold them, and two workers would send one message at the same time.
      if (this.stopping || Date.now() - claimedAt > leaseMs / 2) {
        await this.outbox.release(msg);
        report.released++;
        continue;
      }
      const failure: Failure | null = serverDown ?? (await this.send(msg));
      if (failure === null) {
        this.downSince = null;
        await this.outbox.markSent(msg.id);
        report.sent++;
        continue;
      }
      if (failure.serverDown) {
        serverDown = failure;
        this.downSince ??= Date.now();
      }
      // The server being away says nothing about the message: it waits, backing off with the outage to an hour
      // between tries, however long the outage, and the try is not counted (R4: every mail delivered after recovery;
      // a refusal after a long outage must not find the message's attempts used up). Only failures the server gives
      // for the message itself (a refused recipient, a rejected body) use up its attempts.
      const dead = failure.permanent || (!failure.serverDown && isExhausted(msg.attempts, maxAttempts));
      const retryIn = dead ? null : failure.serverDown ? outageRetryDelayMs(Date.now() - (this.downSince ?? Date.now())) : retryDelayMs(msg.attempts);
      await this.outbox.markFailed(msg, failure.error, retryIn, failure.serverDown && !dead);
      if (dead) report.dead++;
      else report.retrying++;
      this.logger.warn(`message ${msg.id} attempt ${msg.attempts} failed${dead ? ', dead-lettered' : ''}: ${maskEmails(failure.error)}`);
    }
    if (report.claimed) this.logger.log(`outbox: ${JSON.stringify(report)}`);
    return report;
  }

  beforeApplicationShutdown(): void {
    this.stopping = true;
  }

  onApplicationShutdown(): void {
    this.transport.close();
  }

  private async send(msg: ClaimedMessage): Promise<Failure | null> {
    let notice;
    try {
      if (!isNoticeTemplate(msg.template)) throw new Error(`unknown notice template "${msg.template}"`);
      notice = renderNotice(msg.template, msg.language, msg.data);
    } catch (e) {
      return { error: (e as Error).message, permanent: true, serverDown: false };
    }
    try {
      await this.transport.sendMail({
        from: this.config.mailFrom,
        to: msg.recipient,
        subject: notice.subject,
        text: notice.text,
        html: notice.html,
        messageId: msg.messageId,
        headers: { 'Content-Language': msg.language, 'Auto-Submitted': 'auto-generated' },
      });
      return null;
    } catch (e) {
      const err = e as Error & { code?: string; responseCode?: number };
      return {
        error: `${err.code ?? 'ERROR'}${err.responseCode ? ` ${err.responseCode}` : ''}: ${err.message}`,
        permanent: false,
        serverDown: SERVER_DOWN_CODES.has(err.code ?? '') || err.responseCode === 421,
      };
    }
  }
}
