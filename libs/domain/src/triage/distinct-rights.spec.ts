// "≥2 marks" / "≥2 patents" (triage-rules.md T1 reduced thresholds) count rights, not entries: the same
// registration listed twice is one right and must not lower a criminal threshold.
import { aRight, triageOf } from './testing';

describe('T1 reduced thresholds count distinct rights', () => {
  it('the same registered mark listed twice does not lower the counterfeiting threshold', () => {
    const r = triageOf({
      ipRights: [aRight('trademark'), aRight('trademark')],
      infringement: { conducts: ['counterfeiting', 'sale'], industry: 'other', estimatedTurnoverCny: 42_000 },
    });
    expect(r.recommendedRoute).toBe('administrative_enforcement');
    expect(r.flags).toContain('criminal_threshold_near');
    expect(r.flags).not.toContain('criminal_threshold_reached');
  });

  it('the same mark written with spaces or in lower case is still one right', () => {
    const r = triageOf({
      ipRights: [aRight('trademark', { number: 'g 12345678' }), aRight('trademark', { number: 'G12345678' })],
      infringement: { conducts: ['counterfeiting', 'sale'], industry: 'other', estimatedTurnoverCny: 42_000 },
    });
    expect(r.recommendedRoute).toBe('administrative_enforcement');
  });

  it('the same patent listed twice does not lower the passing-off threshold', () => {
    const r = triageOf({
      ipRights: [aRight('invention_patent'), aRight('invention_patent')],
      infringement: { conducts: ['passing_off'], industry: 'other', estimatedTurnoverCny: 150_000 },
    });
    expect(r.recommendedRoute).not.toBe('police_transfer_review');
  });

  it('two different marks still lower it', () => {
    const r = triageOf({
      ipRights: [aRight('trademark'), aRight('trademark', { number: '7654321' })],
      infringement: { conducts: ['counterfeiting', 'sale'], industry: 'other', estimatedTurnoverCny: 42_000 },
    });
    expect(r.recommendedRoute).toBe('police_transfer_review');
    expect(r.flags).toContain('criminal_threshold_reached');
  });
});
