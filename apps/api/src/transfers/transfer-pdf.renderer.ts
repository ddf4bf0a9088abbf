import { APP_CONFIG, type AppConfig } from '@lyg/config';
import { PgListener, TransferPackage } from '@lyg/database';
import { EvidenceStore } from '@lyg/evidence';
import {
  ClockService,
  renderTransferPackagePdf,
  TRANSFER_PACKAGE_CHANNEL,
  type TransferPackageDocument,
  transferPdfKey,
} from '@lyg/workflow';
import { type BeforeApplicationShutdown, Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { Readable } from 'node:stream';
import { DataSource, type EntityManager } from 'typeorm';

/** Attempts before a package's PDF is left alone (its JSON stays downloadable; the error is kept on the row). */
export const PDF_MAX_ATTEMPTS = 5;
const SWEEP_MS = 60_000;
const RECONNECT_MS = 5_000;
const PDF_MAX_BYTES = 64 * 1024 * 1024;

/**
 * Renders the printable PDF of transfer packages after their transaction commits: woken by `NOTIFY
 * transfer_package` (sent in that transaction, delivered on commit), with a sweep every minute and at start-up for
 * what a stopped process left. Each render holds its package row (`FOR UPDATE SKIP LOCKED`), so several API
 * processes share the work and a PDF is stored once; a download that finds it missing renders it on the spot.
 */
@Injectable()
export class TransferPdfRenderer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('transfer-pdf');
  private readonly listener: PgListener;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;

  constructor(
    private readonly ds: DataSource,
    private readonly store: EvidenceStore,
    private readonly clock: ClockService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.listener = new PgListener({
      connectionString: config.databaseUrl,
      applicationName: 'lyg-api-transfer-pdf',
      channel: TRANSFER_PACKAGE_CHANNEL,
      onNotification: () => this.wake(),
      onListening: () => this.wake(),
      onLost: (e) => this.logger.warn(`LISTEN ${TRANSFER_PACKAGE_CHANNEL} lost (${e instanceof Error ? e.message : String(e)}); sweeping every ${SWEEP_MS / 1000} s meanwhile`),
      retryMs: RECONNECT_MS,
    });
  }

  onApplicationBootstrap(): void {
    this.wake();
    this.listener.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.listener.stop();
    await this.running;
  }

  /** Renders pending PDFs now (one pass at a time; a wake during a pass runs another after it). */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.running = this.drain()
      .then(() => undefined)
      .catch((e: unknown) => this.logger.warn(`transfer PDFs: ${e instanceof Error ? e.message : String(e)}`))
      .finally(() => {
        this.running = null;
        if (this.stopped) return;
        if (this.again) {
          this.again = false;
          this.wake();
        } else {
          this.timer = setTimeout(() => this.wake(), SWEEP_MS);
          this.timer.unref();
        }
      });
  }

  /** Renders every pending PDF that no other process holds; returns how many were stored. */
  async drain(max = 100): Promise<number> {
    let done = 0;
    for (let i = 0; i < max && !this.stopped; i++) {
      const outcome = await this.ds.transaction(async (m) => {
        const [row]: { id: string }[] = await m.query(
          `SELECT id FROM transfer_package WHERE pdf_object_key IS NULL AND pdf_attempts < $1
            ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED`,
          [PDF_MAX_ATTEMPTS],
        );
        if (!row) return null;
        return this.renderLocked(m, row.id);
      });
      if (outcome === null) break;
      if (outcome) done++;
    }
    return done;
  }

  /** The package with its PDF stored: renders it first when it is still missing (waits for a render in progress). */
  async ensure(packageId: string): Promise<TransferPackage> {
    return this.ds.transaction(async (m) => {
      const [row]: { id: string; pdf_object_key: string | null }[] = await m.query('SELECT id, pdf_object_key FROM transfer_package WHERE id = $1 FOR UPDATE', [packageId]);
      if (row && !row.pdf_object_key) await this.renderLocked(m, packageId, true);
      return m.findOneByOrFail(TransferPackage, { id: packageId });
    });
  }

  /** Renders and stores the PDF of a package whose row the transaction holds; false when it failed (recorded). */
  private async renderLocked(m: EntityManager, id: string, rethrow = false): Promise<boolean> {
    const p = await m.findOneByOrFail(TransferPackage, { id });
    if (p.pdfObjectKey) return true;
    const key = transferPdfKey(p.caseId, p.id);
    try {
      const rendered = await renderTransferPackagePdf(p.json as unknown as TransferPackageDocument, p.sha256);
      const stored = await this.store.put(key, Readable.from([rendered.pdf]), {
        maxBytes: PDF_MAX_BYTES,
        metadata: { 'case-id': p.caseId, 'package-id': p.id, 'package-sha256': p.sha256 },
        sizeHint: rendered.pdf.length,
      });
      await m.update(TransferPackage, { id }, {
        pdfObjectKey: stored.key,
        pdfVersionId: stored.versionId,
        pdfSha256: stored.sha256,
        pdfSizeBytes: stored.sizeBytes,
        pdfLayout: rendered.layout,
        pdfRenderedAt: this.clock.now(),
        pdfAttempts: p.pdfAttempts + 1,
        pdfError: null,
      });
      if (rendered.layout === 'ascii') this.logger.warn(`no CJK font found: the PDF of transfer package ${id} uses the ASCII layout (install fonts-wqy-microhei)`);
      return true;
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      this.logger.warn(`PDF of transfer package ${id} not rendered (attempt ${p.pdfAttempts + 1}): ${message}`);
      await m.update(TransferPackage, { id }, { pdfAttempts: p.pdfAttempts + 1, pdfError: message.slice(0, 1000) });
      if (rethrow) throw e;
      return false;
    }
  }
}
