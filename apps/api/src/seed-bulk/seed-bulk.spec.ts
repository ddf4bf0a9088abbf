import { entryHash, GENESIS_HASH } from '@lyg/audit';
import type { AuditEntry } from '@lyg/database';
import { CASE_STATES, restoreSnapshot, STATUTORY_CALENDAR_2024_2026, stateValueToPath, WorkingDayCalendar } from '@lyg/domain';
import { MachineCache } from './machine-cache';
import { makeComplaint, makeOrg, makeRespondent } from './parties';
import { Rng } from './random';
import { simulateCase, type User, type World } from './simulate';
import { AuditChain } from './writer';

const NOW = Date.parse('2026-11-25T09:00:00Z');

function world(seed: number): World {
  const rng = new Rng(seed);
  const user = (): User => ({ id: rng.uuid(), orgId: rng.uuid() });
  const staff = {
    examiner: [user(), user()],
    supervisor: [user()],
    officer: [user()],
    mediator: [user()],
    police: [user()],
    court: [user()],
    customs: [user()],
  };
  const roles = new Map<User, string>();
  for (const [role, list] of Object.entries(staff)) for (const u of list) roles.set(u, role);
  return {
    rng,
    machine: new MachineCache(),
    calendar: new WorkingDayCalendar(STATUTORY_CALENDAR_2024_2026),
    now: NOW,
    staff,
    agencyOrg: { police: rng.uuid(), customs: rng.uuid(), court: rng.uuid() },
    roles,
    registered: new Set(),
    stats: { refused: new Map() },
    views: 1,
  };
}

function cases(w: World, n: number) {
  const out = [];
  let k = 0;
  for (let i = 0; i < n; i++) {
    const org = makeOrg(w.rng, i);
    const respondent = makeRespondent(w.rng, org.industry, 'offline');
    const submitAt = NOW - (1 + w.rng.int(400)) * 86_400_000;
    const { complaint, evidenceKinds } = makeComplaint(w.rng, org, respondent, 'offline', submitAt);
    out.push(
      simulateCase(w, {
        id: w.rng.uuid(),
        filer: org,
        creatorId: org.userId,
        complaint,
        evidenceKinds,
        respondent,
        createdAt: submitAt - 3_600_000,
        submitAt: i % 25 === 0 ? null : submitAt,
        edits: i % 3,
        caseNumberFor: () => `LYG-IP-2026-${String(++k).padStart(6, '0')}`,
      }),
    );
  }
  return out;
}

describe('bulk generator', () => {
  it('continues the audit chain exactly as libs/audit defines the hash', () => {
    const w = world(1);
    const chain = new AuditChain(0n, GENESIS_HASH);
    for (const c of cases(w, 40)) {
      for (const e of c.audits) {
        const link = chain.next(e);
        const ref = entryHash({ ...e, seq: link.seq, at: new Date(link.at), details: JSON.parse(e.details), prevHash: link.prevHash } as unknown as Omit<AuditEntry, 'hash'>);
        expect(link.hash).toBe(ref);
      }
    }
  });

  it('leaves every case in a state its snapshot restores to, with the row columns taken from it', () => {
    const w = world(2);
    const seen = new Set<string>();
    for (const { row, audits, deadlines } of cases(w, 300)) {
      const snap = JSON.parse(row.snapshot);
      const path = stateValueToPath(restoreSnapshot(snap));
      expect(path.state).toBe(row.state);
      expect(CASE_STATES).toContain(row.state);
      expect(snap.context.route).toBe(row.route);
      expect(snap.context.outcome).toBe(row.outcome);
      expect(row.snapshot).not.toMatch(/2001-01-|…/);
      if (row.submittedAt !== null) expect(Date.parse(snap.context.submittedAt)).toBe(row.submittedAt);
      if (row.closedAt !== null) expect(Date.parse(snap.context.closedAt)).toBe(row.closedAt);
      if (row.submittedAt !== null) expect(audits.some((a) => a.action === 'submit' && JSON.parse(a.details).triage)).toBe(true);
      // The route defaults the workflow keeps beside the recommendation (T6's bureau, T3's target days).
      if (row.submittedAt !== null) expect(snap.context.triage).toMatchObject({ enforcementAgency: expect.any(String), fastTrackTargetDays: expect.any(Number) });
      expect(audits.some((a) => a.action === 'triage' || a.action === 'create_draft')).toBe(false);
      for (let i = 1; i < audits.length; i++) expect(audits[i].at).toBeGreaterThanOrEqual(audits[i - 1].at);
      for (const d of deadlines) expect(d.caseId).toBe(row.id);
      seen.add(row.state);
    }
    // Closed, refused and open cases alike.
    expect(seen.has('closed')).toBe(true);
    expect(seen.has('draft')).toBe(true);
    expect(seen.size).toBeGreaterThan(4);
  });
});
