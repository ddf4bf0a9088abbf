import { civilDayOf, formatCivilDate, monthsLater, parseCivilDate } from '../calendar/civil-date';
import { caseAt, step } from './testing';

const later = (date: string, months: number) => formatCivilDate(monthsLater(parseCivilDate(date)!, months));

describe('a period of months', () => {
  it('ends on the same day of the month, or on the last day of a shorter month', () => {
    expect(later('2026-01-15', 3)).toBe('2026-04-15');
    expect(later('2026-01-31', 3)).toBe('2026-04-30');
    expect(later('2026-11-30', 3)).toBe('2027-02-28');
    expect(later('2027-11-30', 3)).toBe('2028-02-29');
    expect(later('2026-12-31', 1)).toBe('2027-01-31');
    expect(later('2026-10-31', 2)).toBe('2026-12-31');
    expect(monthsLater(civilDayOf(2026, 3, 31), 0)).toBe(civilDayOf(2026, 3, 31));
  });
});

describe('the investigation of a patent dispute', () => {
  const filedOn = (now: string, patentDispute: boolean) => {
    const filed = step(caseAt('administrative_enforcement.filing_review', { patentDispute, now }), 'file_case', 'officer', {}, now);
    return filed.effects.find((e) => e.type === 'set_deadline' && e.stage === 'administrative_enforcement.investigating');
  };

  it('lasts three calendar months from filing (31 January → 30 April: 89 days), not 90 days', () => {
    expect(filedOn('2026-01-31T10:00:00+08:00', true)).toMatchObject({ period: 89, clock: 'calendar_days' });
    expect(filedOn('2026-11-30T10:00:00+08:00', true)).toMatchObject({ period: 90 });
    expect(filedOn('2026-07-31T10:00:00+08:00', true)).toMatchObject({ period: 92 });
  });

  it('other cases keep the 90 days of the Administrative Penalty Law', () => {
    expect(filedOn('2026-01-31T10:00:00+08:00', false)).toMatchObject({ period: 90 });
  });
});

describe('the extensions of a patent dispute\'s investigation', () => {
  it('each adds the next calendar month (31 days to 31 May, 30 to 30 June), and its notice says so; other cases 30 days', () => {
    const filedOn = '2026-01-31T10:00:00+08:00';
    const filed = step(caseAt('administrative_enforcement.filing_review', { patentDispute: true, now: filedOn }), 'file_case', 'officer', {}, filedOn);
    const first = step(filed.snapshot, 'extend', 'supervisor', { reason: '需要技术鉴定' }, '2026-03-01T10:00:00+08:00');
    expect(first.effects).toContainEqual({ type: 'extend_deadline', stage: 'administrative_enforcement.investigating', period: 31 });
    expect(first.effects).toContainEqual(expect.objectContaining({ type: 'notify', template: 'deadline_extended', data: { stage: 'administrative_enforcement.investigating', period: 31, clock: 'calendar_days' } }));
    const second = step(first.snapshot, 'extend', 'supervisor', { reason: '鉴定尚未完成' }, '2026-04-01T10:00:00+08:00');
    expect(second.effects).toContainEqual({ type: 'extend_deadline', stage: 'administrative_enforcement.investigating', period: 30 });

    const other = step(caseAt('administrative_enforcement.filing_review', { patentDispute: false, now: filedOn }), 'file_case', 'officer', {}, filedOn);
    expect(step(other.snapshot, 'extend', 'supervisor', { reason: '案情复杂' }, '2026-03-01T10:00:00+08:00').effects).toContainEqual({ type: 'extend_deadline', stage: 'administrative_enforcement.investigating', period: 30 });
  });
});
