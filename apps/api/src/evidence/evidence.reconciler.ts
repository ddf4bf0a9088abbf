import { EvidenceStore, type ObjectListing } from '@lyg/evidence';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface OrphanObject {
  key: string;
  sizeBytes: number;
  lastModified: string | null;
}

export interface MissingObject {
  evidenceId: string;
  caseId: string;
  key: string;
  versionId: string | null;
  uploadedAt: string;
}

export interface StragglerReport {
  checkedAt: string;
  bucket: string;
  objectsChecked: number;
  rowsChecked: number;
  /** Objects under `cases/` without an evidence row (older than the grace period). */
  orphanObjects: OrphanObject[];
  /** Evidence rows whose object (or recorded version) is not in the store. */
  missingObjects: MissingObject[];
  /** Objects without a row that are younger than the grace period: probably uploads still committing. */
  recentUnmatched: number;
  /** True when the lists were cut at `maxReported` entries. */
  truncated: boolean;
}

export interface ReconcileOptions {
  /** Objects younger than this may belong to an upload still committing (multipart objects carry their start time). */
  graceSeconds?: number;
  /** Also ask the store for each row's exact version (one request per row). */
  checkVersions?: boolean;
  maxReported?: number;
}

interface RowKey {
  id: string;
  case_id: string;
  object_key: string;
  version_id: string | null;
  uploaded_at: Date;
}

const PREFIX = 'cases/';
const PAGE = 1000;

/**
 * Finds evidence stragglers: objects without a row and rows without their object. Both sides are walked in key
 * order (the store lists keys in byte order, the column has collation "C") and merged, so memory stays flat
 * whatever the number of objects. Only reports: evidence is never deleted by software.
 */
@Injectable()
export class EvidenceReconciler {
  constructor(
    private readonly ds: DataSource,
    private readonly store: EvidenceStore,
  ) {}

  async findStragglers(opts: ReconcileOptions = {}): Promise<StragglerReport> {
    const graceMs = (opts.graceSeconds ?? 3600) * 1000;
    const max = opts.maxReported ?? 1000;
    const now = Date.now();
    const report: StragglerReport = {
      checkedAt: new Date(now).toISOString(),
      bucket: this.store.bucket,
      objectsChecked: 0,
      rowsChecked: 0,
      orphanObjects: [],
      missingObjects: [],
      recentUnmatched: 0,
      truncated: false,
    };
    const orphan = (o: ObjectListing) => {
      if (o.lastModified && now - o.lastModified.getTime() < graceMs) return void report.recentUnmatched++;
      if (report.orphanObjects.length >= max) return void (report.truncated = true);
      report.orphanObjects.push({ key: o.key, sizeBytes: o.sizeBytes, lastModified: o.lastModified ? o.lastModified.toISOString() : null });
    };
    const missing = (r: RowKey) => {
      if (report.missingObjects.length >= max) return void (report.truncated = true);
      report.missingObjects.push({ evidenceId: r.id, caseId: r.case_id, key: r.object_key, versionId: r.version_id, uploadedAt: new Date(r.uploaded_at).toISOString() });
    };

    const rows = this.rows();
    const objects = this.store.list(PREFIX);
    let row = await rows.next();
    let obj = await objects.next();
    while (!row.done || !obj.done) {
      if (!obj.done && (row.done || obj.value.key < row.value.object_key)) {
        report.objectsChecked++;
        orphan(obj.value);
        obj = await objects.next();
      } else if (!row.done && (obj.done || row.value.object_key < obj.value.key)) {
        report.rowsChecked++;
        missing(row.value);
        row = await rows.next();
      } else if (!row.done && !obj.done) {
        report.objectsChecked++;
        report.rowsChecked++;
        if (opts.checkVersions && row.value.version_id && !(await this.store.exists(row.value.object_key, row.value.version_id))) missing(row.value);
        row = await rows.next();
        obj = await objects.next();
      }
    }
    return report;
  }

  /** Evidence rows in object-key byte order, page by page (keyset on the unique key). */
  private async *rows(): AsyncGenerator<RowKey> {
    let after = '';
    for (;;) {
      const page: RowKey[] = await this.ds.query(
        `SELECT id, case_id, object_key, version_id, uploaded_at FROM evidence
          WHERE object_key > $1 ORDER BY object_key LIMIT ${PAGE}`,
        [after],
      );
      for (const r of page) yield r;
      if (page.length < PAGE) return;
      after = page[page.length - 1].object_key;
    }
  }
}
