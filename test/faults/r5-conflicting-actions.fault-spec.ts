// R5 (quality.md): 50 concurrent conflicting actions on one case, spread over two API processes (so no lock inside
// one process can be what serialises them): exactly one wins, the rest are told 409 or 412, and there is one audit
// entry, the winner's.
import { ApiClient, type Answer, complaint, Ledger } from './harness/client';
import { pick } from './harness/scale';
import { FaultWorld } from './harness/world';

describe('R5: 50 concurrent conflicting actions on one case', () => {
  let world: FaultWorld;
  let client: ApiClient;
  let enterprise: string;
  let examiner: string;
  const ledger = new Ledger();

  beforeAll(async () => {
    world = await FaultWorld.start({ name: 'r5', apis: 2 });
    client = new ApiClient([world.apiUrl(0), world.apiUrl(1)], ledger);
    enterprise = await client.login(0, 'enterprise@demo.example');
    examiner = await client.login(1, 'examiner@demo.example');
  });
  afterAll(async () => {
    await world?.close();
  });

  async function screeningCase(n: number): Promise<{ id: string; version: number }> {
    const c = await client.call(0, 'POST', '/complaints', { op: 'create', token: enterprise, body: complaint(n), idempotencyKey: `r5-${n}-${Date.now()}` });
    const s = await client.call(0, 'POST', `/cases/${c.json!.id}/actions/submit`, { op: 'action', token: enterprise, caseId: String(c.json!.id), action: 'submit' });
    expect(s.status).toBe(200);
    expect(s.json!.state).toBe('screening');
    return { id: String(s.json!.id), version: Number(s.json!.version) };
  }

  const CONFLICTING = [
    { action: 'accept', body: { route: 'fast_track', overrideReason: '快速维权通道' } },
    { action: 'accept', body: { route: 'mediation', overrideReason: '当事人同意调解' } },
    { action: 'request_correction', body: { items: ['补充权属证明'], message: '请补充' } },
    { action: 'reject', body: { reason: '不属于受理范围' } },
  ];

  async function race(c: { id: string; version: number }, ifMatch: boolean): Promise<Answer[]> {
    const before = await world.query<{ seq: string }>('SELECT max(seq)::text AS seq FROM audit_entry WHERE case_id = $1', [c.id]);
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) => {
        const a = ifMatch ? CONFLICTING[i % CONFLICTING.length]! : CONFLICTING[0]!;
        return client.call(i % 2, 'POST', `/cases/${c.id}/actions/${a.action}`, {
          op: 'action', token: examiner, body: a.body, caseId: c.id, action: a.action, ...(ifMatch ? { ifMatch: c.version } : {}),
        });
      }),
    );
    const winners = answers.filter((a) => a.status === 200);
    expect(winners).toHaveLength(1);
    const odd = answers.filter((a) => a.status !== 200 && a.status !== 409 && a.status !== 412);
    expect(odd.map((a) => `${a.status} ${a.entry.code ?? a.entry.error} (API ${a.entry.api + 1}, request ${a.entry.requestId})`)).toEqual([]);
    const entries = await world.query<{ request_id: string; action: string }>(
      'SELECT request_id, action FROM audit_entry WHERE case_id = $1 AND seq > $2::bigint ORDER BY seq',
      [c.id, before[0]!.seq],
    );
    expect(entries).toEqual([{ request_id: winners[0]!.entry.requestId, action: winners[0]!.entry.action }]);
    const [row] = await world.query<{ version: number; state: string }>('SELECT version, state FROM ip_case WHERE id = $1', [c.id]);
    expect(row!.version).toBe(c.version + 1);
    expect(row!.state).toBe(winners[0]!.json!.state);
    return answers;
  }

  it('with the same If-Match: one wins, the rest 412 (or 409), one audit entry', async () => {
    for (let round = 0; round < pick(5, 2); round++) {
      const answers = await race(await screeningCase(round), true);
      // The losers raced on a version that is stale now: refused as stale (412) before their action is looked at.
      expect(answers.filter((a) => a.status === 412)).toHaveLength(49);
    }
  });

  it('without If-Match: one wins, the rest 409 (no longer allowed in the new state), one audit entry', async () => {
    for (let round = 0; round < pick(5, 2); round++) {
      const answers = await race(await screeningCase(100 + round), false);
      expect(answers.filter((a) => a.status === 409)).toHaveLength(49);
    }
  });
});
