import { latestCheckpoint } from '@lyg/audit';
import { CASE_STATES } from '@lyg/domain';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { esc, RequestMetrics } from './request-metrics';

const TERMINAL = ['not_accepted', 'withdrawn', 'closed'];
const STATE_STAGES: readonly string[] = CASE_STATES.filter((s) => !TERMINAL.includes(s));

const gauge = (name: string, help: string, samples: [Record<string, string>, number][]) => [
  `# HELP ${name} ${help}`,
  `# TYPE ${name} gauge`,
  ...samples.map(([labels, v]) => {
    const l = Object.entries(labels).map(([k, x]) => `${k}="${esc(x)}"`).join(',');
    return `${name}${l ? `{${l}}` : ''} ${Number.isFinite(v) ? v : 0}`;
  }),
];

/**
 * `GET /metrics` in the Prometheus text format (0.0.4): this replica's request counts and durations, and from the
 * database the queue depth by state, deadlines due in the next 24 hours, open breaches, the mail outbox, and the
 * audit chain head and its last signed checkpoint.
 */
@Injectable()
export class PrometheusExporter {
  constructor(
    private readonly ds: DataSource,
    private readonly requests: RequestMetrics,
  ) {}

  async exposition(): Promise<string> {
    const [states, due, breaches, outbox, head, checkpoint] = await Promise.all([
      this.ds.query<{ state: string; n: number }[]>('SELECT state, count(*)::int AS n FROM ip_case WHERE closed_at IS NULL GROUP BY state'),
      this.ds.query<{ n: number }[]>("SELECT count(*)::int AS n FROM case_deadline WHERE status = 'active' AND due_at >= now() AND due_at < now() + interval '24 hours'"),
      this.ds.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM case_deadline d JOIN ip_case c ON c.id = d.case_id
         WHERE c.closed_at IS NULL AND d.on_expiry = 'breach' AND d.closed_at IS NULL
           AND (d.status = 'breached' OR (d.status = 'active' AND d.due_at < now()))
           AND (d.stage = c.state OR (NOT d.stage = ANY($1) AND split_part(d.stage, '.', 1) = split_part(c.state, '.', 1)))`,
        [STATE_STAGES],
      ),
      this.ds.query<{ status: string; n: number }[]>("SELECT status, count(*)::int AS n FROM outbox_message WHERE status IN ('pending', 'dead') GROUP BY status"),
      this.ds.query<{ seq: string | null }[]>('SELECT max(seq)::text AS seq FROM audit_entry'),
      latestCheckpoint(this.ds),
    ]);
    const depth = new Map(states.map((s) => [s.state, s.n]));
    const mem = process.memoryUsage();
    const lines = [
      ...gauge(
        'lyg_queue_depth',
        'Open cases by state (the work queues).',
        STATE_STAGES.map((s) => [{ state: s }, depth.get(s) ?? 0]),
      ),
      ...gauge('lyg_deadlines_due_next_24h', 'Active stage deadlines due within the next 24 hours.', [[{}, due[0]?.n ?? 0]]),
      ...gauge('lyg_deadline_breaches_open', 'Deadlines past due in a stage their open case is still in.', [[{}, breaches[0]?.n ?? 0]]),
      ...gauge(
        'lyg_outbox_messages',
        'Mail in the outbox waiting to be sent (pending) or given up on (dead).',
        ['pending', 'dead'].map((status) => [{ status }, outbox.find((o) => o.status === status)?.n ?? 0]),
      ),
      ...gauge('lyg_audit_head_seq', 'Sequence number of the newest audit entry.', [[{}, Number(head[0]?.seq ?? 0)]]),
      ...gauge('lyg_audit_checkpoint_seq', 'Sequence number covered by the newest signed checkpoint.', [[{}, Number(checkpoint?.seq ?? 0)]]),
      ...gauge('lyg_audit_checkpoint_age_seconds', 'Age of the newest signed checkpoint (-1: none yet).', [
        [{}, checkpoint ? Math.round((Date.now() - Date.parse(checkpoint.time)) / 1000) : -1],
      ]),
      this.requests.exposition(),
      ...gauge('process_resident_memory_bytes', 'Resident set size of this process.', [[{}, mem.rss]]),
      ...gauge('nodejs_heap_used_bytes', 'V8 heap in use.', [[{}, mem.heapUsed]]),
      ...gauge('process_uptime_seconds', 'Seconds since this process started.', [[{}, Math.round(process.uptime())]]),
    ];
    return `${lines.join('\n')}\n`;
  }
}
