// Mixed load as real clients make it: each virtual case goes through a journey (create with an Idempotency-Key,
// upload evidence, submit, and the examiner's and the complainant's actions with If-Match), deciding each next step
// from the case as the API last showed it. A request that got no answer (the process died under it) or a 503 is
// never assumed to have failed or succeeded: a creating POST is retried with the same Idempotency-Key, an action is
// followed by a fresh GET of the case, and the journey goes on from whatever state the case is really in.
import { randomUUID } from 'node:crypto';
import { type Answer, type ApiClient, complaint, pdfBytes } from './client';
import { sleep } from './processes';

export interface CaseState {
  id: string;
  state: string;
  version: number;
  assignee?: string | null;
}

const caseState = (json: Record<string, unknown>): CaseState => ({
  id: String(json.id),
  state: String(json.state),
  version: Number(json.version),
  assignee: (json.assignee as string | null | undefined) ?? null,
});

export interface LoadOptions {
  /** Mutating requests to send in all (creates, uploads, actions, claims); retries count. */
  operations: number;
  concurrency: number;
  /** Which API process each journey talks to (by journey number); default: spread over all. */
  apiFor?: (journey: number) => number;
  /** Give up waiting for an API that does not answer after this long. */
  patienceMs?: number;
  /** Called after each mutating request with the number sent so far (the fault schedule hooks in here). */
  onOperation?: (sent: number) => void | Promise<void>;
}

export interface LoadResult {
  operations: number;
  journeys: number;
  finished: number;
  cases: CaseState[];
  /** Answers that a correct system never gives to these requests (5xx but 503, 4xx other than 409/412). */
  unexpected: string[];
  elapsedMs: number;
}

type Kind = 'fast_track' | 'correction' | 'withdraw' | 'claim';
const KINDS: Kind[] = ['fast_track', 'fast_track', 'correction', 'fast_track', 'claim', 'fast_track', 'withdraw', 'correction', 'fast_track', 'claim'];
const TERMINAL = /^(closed|withdrawn|not_accepted)/;
/** Statuses after which the request's outcome is unknown or the case moved on: look at the case again. */
const RECHECK = new Set([0, 409, 412, 503]);

export interface Tokens {
  enterprise: string;
  examiner: string;
}

export class MixedLoad {
  private sent = 0;
  private nextJourney = 0;
  private readonly runId = randomUUID().slice(0, 8);
  readonly cases: CaseState[] = [];
  readonly unexpected: string[] = [];
  private finished = 0;

  constructor(
    private readonly client: ApiClient,
    private readonly tokens: Tokens,
    private readonly opts: LoadOptions,
  ) {}

  get operationsSent(): number {
    return this.sent;
  }

  async run(): Promise<LoadResult> {
    const t0 = Date.now();
    await Promise.all(
      Array.from({ length: this.opts.concurrency }, async () => {
        while (this.sent < this.opts.operations) await this.journey(this.nextJourney++);
      }),
    );
    return {
      operations: this.sent,
      journeys: this.nextJourney,
      finished: this.finished,
      cases: this.cases,
      unexpected: this.unexpected,
      elapsedMs: Date.now() - t0,
    };
  }

  private api(n: number): number {
    return this.opts.apiFor ? this.opts.apiFor(n) : n % this.client.bases.length;
  }

  private async counted(): Promise<void> {
    this.sent++;
    await this.opts.onOperation?.(this.sent);
  }

  private note(a: Answer, what: string): void {
    const s = a.status;
    if ((s >= 500 && s !== 503) || (s >= 400 && s < 500 && s !== 409 && s !== 412)) {
      this.unexpected.push(`${what} → ${s} ${a.entry.code ?? ''} ${JSON.stringify(a.json)?.slice(0, 300)} (request ${a.entry.requestId})`);
    }
  }

  /** A creating POST, repeated with the same Idempotency-Key until it has a definite answer. */
  private async create(api: number, n: number): Promise<CaseState | null> {
    const key = `case-${this.runId}-${n}`;
    const body = complaint(n);
    const end = Date.now() + (this.opts.patienceMs ?? 180_000);
    while (Date.now() < end) {
      await this.counted();
      const a = await this.client.call(api, 'POST', '/complaints', { op: 'create', token: this.tokens.enterprise, body, idempotencyKey: key });
      if (a.status === 201) return caseState(a.json!);
      this.note(a, `create ${key}`);
      if (a.status !== 0 && a.status !== 503) return null;
      await sleep(250);
    }
    this.unexpected.push(`create ${key}: no answer within the patience`);
    return null;
  }

  private async upload(api: number, c: CaseState, n: number): Promise<'done' | 'recheck' | 'failed'> {
    const key = `evidence-${this.runId}-${n}`;
    const file = pdfBytes(`${this.runId}-${n}`);
    await this.counted();
    const a = await this.client.call(api, 'POST', `/complaints/${c.id}/evidence`, {
      op: 'upload',
      token: this.tokens.enterprise,
      form: { file, fileName: `公证书-${n}.pdf`, kind: 'notarial_certificate' },
      idempotencyKey: key,
      caseId: c.id,
    });
    if (a.status === 201) return 'done';
    this.note(a, `upload ${key}`);
    return a.status === 0 || a.status === 503 ? 'recheck' : 'failed';
  }

  /** The case as it is now, waiting for an API that is restarting or a database that is down. */
  private async refresh(api: number, id: string): Promise<CaseState | null> {
    const end = Date.now() + (this.opts.patienceMs ?? 180_000);
    while (Date.now() < end) {
      const a = await this.client.call(api, 'GET', `/cases/${id}`, { op: 'get', token: this.tokens.enterprise, caseId: id });
      if (a.status === 200) return caseState(a.json!);
      if (a.status !== 0 && a.status !== 503) {
        this.note(a, `GET /cases/${id}`);
        return null;
      }
      await sleep(250);
    }
    this.unexpected.push(`GET /cases/${id}: no answer within the patience`);
    return null;
  }

  private async journey(n: number): Promise<void> {
    const api = this.api(n);
    const kind = KINDS[n % KINDS.length]!;
    let c = await this.create(api, n);
    if (!c) return;
    this.cases.push(c);
    const progress = { uploaded: false, uploadTries: 0, corrected: false, expert: false, claimed: false };
    const slot = this.cases.length - 1;
    for (let steps = 0; steps < 40 && !TERMINAL.test(c.state); steps++) {
      // Past the budget only unfinished uploads are settled (a retry with their key), so that none is left unknown.
      if (this.sent >= this.opts.operations && !(progress.uploadTries > 0 && !progress.uploaded && c.state === 'draft')) break;
      if (c.state === 'draft' && kind !== 'withdraw' && !progress.uploaded) {
        progress.uploadTries++;
        const r = await this.upload(api, c, n);
        if (r === 'done' || r === 'failed') progress.uploaded = true;
        if (r !== 'done') c = (await this.refresh(api, c.id)) ?? c;
        if (r === 'recheck') await sleep(250);
        continue;
      }
      const step = this.nextStep(kind, c, progress);
      if (!step) break;
      await this.counted();
      const token = step.as === 'enterprise' ? this.tokens.enterprise : this.tokens.examiner;
      const a = step.claim
        ? await this.client.call(api, 'POST', `/cases/${c.id}/claim`, { op: 'claim', token, caseId: c.id, action: 'claim' })
        : await this.client.call(api, 'POST', `/cases/${c.id}/actions/${step.action}`, {
            op: 'action', token, body: step.body, ifMatch: c.version, caseId: c.id, action: step.action,
          });
      if (a.status === 200) {
        if (step.claim) progress.claimed = true;
        c = caseState(a.json!);
      } else {
        this.note(a, `${step.action} on ${c.id}`);
        if (!RECHECK.has(a.status)) break;
        if (a.status === 0 || a.status === 503) await sleep(250);
        const fresh = await this.refresh(api, c.id);
        if (!fresh) break;
        c = fresh;
        // A claim whose answer was lost may have been made: the case shows it.
        if (c.assignee) progress.claimed = true;
      }
      this.cases[slot] = c;
    }
    this.cases[slot] = c;
    if (TERMINAL.test(c.state)) this.finished++;
  }

  private nextStep(
    kind: Kind,
    c: CaseState,
    p: { corrected: boolean; expert: boolean; claimed: boolean },
  ): { as: 'enterprise' | 'examiner'; action: string; body?: Record<string, unknown>; claim?: boolean } | null {
    switch (c.state) {
      case 'draft':
        return { as: 'enterprise', action: 'submit' };
      case 'screening':
        if (kind === 'withdraw') return { as: 'enterprise', action: 'withdraw', body: { reason: '双方已自行和解' } };
        if (kind === 'correction' && !p.corrected) return { as: 'examiner', action: 'request_correction', body: { items: ['补充权属证明'], message: '请补充专利证书副本' } };
        if (kind === 'claim' && !p.claimed) return { as: 'examiner', action: 'claim', claim: true };
        return { as: 'examiner', action: 'accept', body: { route: 'fast_track', overrideReason: '快速维权通道' } };
      case 'awaiting_correction':
        p.corrected = true;
        return { as: 'enterprise', action: 'resubmit' };
      case 'fast_track.examining':
        if (!p.expert) return { as: 'examiner', action: 'request_expert_opinion', body: { reason: '需技术比对' } };
        return { as: 'examiner', action: 'decide', body: { outcome: 'infringement_established', summary: '被控产品落入专利保护范围' } };
      case 'fast_track.awaiting_expert':
        p.expert = true;
        return { as: 'examiner', action: 'expert_opinion_received' };
      default:
        return null;
    }
  }
}
