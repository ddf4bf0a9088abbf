import type { PatentType } from '../model/enums';
import { checkPatentNumber } from './patent-number';

describe('CNIPA patent application number', () => {
  it.each([
    ['ZL202310586421.6', 'invention_patent'],
    ['ZL202410052317.3', 'invention_patent'],
    ['ZL202120734518.3', 'utility_model'],
    ['ZL202230198765.6', 'design_patent'],
  ] as const)('accepts the valid %s as a %s', (number, type) => {
    expect(checkPatentNumber(number, type)).toEqual({ ok: true, value: number });
  });

  it('canonicalises a CN prefix, a missing dot or no prefix at all to ZL<digits>.<check>', () => {
    for (const input of ['CN202310586421.6', 'ZL2023105864216', '202310586421.6', '2023105864216']) {
      expect(checkPatentNumber(input, 'invention_patent')).toEqual({ ok: true, value: 'ZL202310586421.6' });
    }
  });

  it('normalises full-width characters, a full-width dot, lowercase and spaces between groups', () => {
    expect(checkPatentNumber('ＺＬ２０２３１０５８６４２１．６', 'invention_patent')).toEqual({ ok: true, value: 'ZL202310586421.6' });
    expect(checkPatentNumber(' zl 2023 1 0586421 . 6 ', 'invention_patent')).toEqual({ ok: true, value: 'ZL202310586421.6' });
    expect(checkPatentNumber('ZL\u3000202310586421.6', 'invention_patent')).toEqual({ ok: true, value: 'ZL202310586421.6' });
  });

  it('accepts X as the check character when the sum leaves 10', () => {
    expect(checkPatentNumber('ZL202310586008.X', 'invention_patent')).toEqual({ ok: true, value: 'ZL202310586008.X' });
    expect(checkPatentNumber('zl202310586008x', 'invention_patent')).toEqual({ ok: true, value: 'ZL202310586008.X' });
  });

  it('accepts an old-format 8-digit number from before 2003, type digit third', () => {
    expect(checkPatentNumber('ZL 98 1 12345.7', 'invention_patent')).toEqual({ ok: true, value: 'ZL98112345.7' });
    expect(checkPatentNumber('99112345X', 'invention_patent')).toEqual({ ok: true, value: 'ZL99112345.X' });
    expect(checkPatentNumber('ZL93200005.3', 'utility_model')).toEqual({ ok: true, value: 'ZL93200005.3' });
  });

  it('checks an old-format number with the first eight weights only', () => {
    expect(checkPatentNumber('ZL98112345.6', 'invention_patent')).toEqual({ ok: false, code: 'check_digit' });
  });

  it('accepts the PCT type digits 8 (invention) and 9 (utility model)', () => {
    // Check characters computed with the CNIPA weights for these serials.
    expect(checkPatentNumber('ZL202380012345.6', 'invention_patent')).toEqual({ ok: true, value: 'ZL202380012345.6' });
    expect(checkPatentNumber('ZL202390012345.1', 'utility_model')).toEqual({ ok: true, value: 'ZL202390012345.1' });
  });

  it.each<[string, PatentType, string]>([
    ['ZL202310586421.6', 'utility_model', 'an invention number given as a utility model'],
    ['ZL202310586421.6', 'design_patent', 'an invention number given as a design'],
    ['ZL202120734518.3', 'invention_patent', 'a utility model number given as an invention'],
    ['ZL202230198765.6', 'utility_model', 'a design number given as a utility model'],
    ['ZL202390012345.1', 'design_patent', 'a PCT utility model number given as a design'],
    ['ZL98112345.7', 'design_patent', 'an old invention number given as a design'],
  ])('rejects %s for %s: %s', (number, type) => {
    expect(checkPatentNumber(number, type)).toEqual({ ok: false, code: 'type_digit' });
  });

  it('rejects an unassigned type digit for every type', () => {
    // ZL202340586421.2 has a correct check character but the type digit 4 does not exist.
    for (const type of ['invention_patent', 'utility_model', 'design_patent'] as const) {
      expect(checkPatentNumber('ZL202340586421.2', type)).toEqual({ ok: false, code: 'type_digit' });
    }
  });

  it.each([
    ['ZL202310586421.5', 'a wrong check digit'],
    ['ZL202310586421.X', 'X where the check digit is 6'],
    ['ZL202310568421.6', 'two serial digits transposed'],
  ])('rejects %s: %s', (number) => {
    expect(checkPatentNumber(number, 'invention_patent')).toEqual({ ok: false, code: 'check_digit' });
  });

  it.each([
    ['', 'empty'],
    ['ZL202310586421', '12 digits without a check character'],
    ['ZL20231058642.6', '11 digits'],
    ['ZL2023105864211.6', '13 digits'],
    ['ZL9811234.5', '7 digits'],
    ['ZX202310586421.6', 'an unknown prefix'],
    ['ZL202310586421..6', 'two dots'],
    ['ZL202310586421-6', 'a hyphen instead of the dot'],
    ['ZL202310586421.Y', 'a letter other than X as check character'],
    ['ZL202310586421.6ZL', 'trailing text'],
    ['专利号ZL202310586421.6', 'a label before the number'],
  ])('rejects %j as a format error: %s', (number) => {
    expect(checkPatentNumber(number, 'invention_patent')).toEqual({ ok: false, code: 'format' });
  });
});
