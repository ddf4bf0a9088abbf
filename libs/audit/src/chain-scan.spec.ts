import fc from 'fast-check';
import { entryHash, hashedContent } from './audit-log';
import { canonicalJson } from './canonical-json';
import { contentJson, GENESIS_HASH, type RawAuditRow, rowHash } from './chain-scan';

const text = fc.string({ unit: 'binary', maxLength: 30 });
const nullable = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: null });
const json: fc.Arbitrary<unknown> = fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.parse(JSON.stringify(v)) as unknown);

const row: fc.Arbitrary<Omit<RawAuditRow, 'hash'>> = fc.record({
  seq: fc.bigInt({ min: 1n, max: 10n ** 12n }).map(String),
  at: fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true }).map((d) => d.toISOString()),
  caseId: nullable(fc.uuid()),
  actorId: nullable(fc.uuid()),
  actorRole: text,
  organizationId: nullable(fc.uuid()),
  action: text,
  fromState: nullable(text),
  toState: nullable(text),
  payloadDigest: fc.stringMatching(/^[0-9a-f]{64}$/),
  details: fc.dictionary(text, json, { maxKeys: 5 }),
  requestId: nullable(text),
  principles: fc.subarray(['strict', 'broad', 'fast', 'equal']),
  prevHash: fc.oneof(fc.constant(GENESIS_HASH), fc.stringMatching(/^[0-9a-f]{64}$/)),
});

describe('the verifier’s canonical text', () => {
  it('is canonicalJson(hashedContent(entry)), field for field, for any entry', () => {
    fc.assert(
      fc.property(row, (r) => {
        const entry = { ...r, at: new Date(r.at), principles: r.principles } as Parameters<typeof hashedContent>[0];
        expect(contentJson(r)).toBe(canonicalJson(hashedContent(entry)));
        expect(rowHash(r)).toBe(entryHash(entry));
      }),
      { numRuns: 500 },
    );
  });

  it('changes with any field, so an edit anywhere changes the hash', () => {
    const base: Omit<RawAuditRow, 'hash'> = {
      seq: '7',
      at: '2026-11-25T08:00:00.000Z',
      caseId: null,
      actorId: null,
      actorRole: 'examiner',
      organizationId: null,
      action: 'accept',
      fromState: 'screening',
      toState: 'fast_track.examining',
      payloadDigest: 'a'.repeat(64),
      details: { route: 'fast_track' },
      requestId: null,
      principles: ['fast', 'equal'],
      prevHash: GENESIS_HASH,
    };
    const h = rowHash(base);
    for (const change of [{ seq: '8' }, { at: '2026-11-25T08:00:00.001Z' }, { action: 'reject' }, { details: { route: 'mediation' } }, { principles: ['fast'] }, { prevHash: 'b'.repeat(64) }]) {
      expect(rowHash({ ...base, ...change })).not.toBe(h);
    }
  });
});
