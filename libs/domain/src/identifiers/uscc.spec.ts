import { checkUscc, computeUsccCheckCharacter } from './uscc';

describe('Unified Social Credit Code (GB 32100-2015)', () => {
  it.each([
    ['91320706MA1XK7H21A', '康恒医药 (demo complainant)'],
    ['92320706MA2B8R4N1N', '海州区某药房 (demo respondent)'],
    ['91320703MA20QW5L3D', '海信新材料 (demo enterprise 2)'],
    ['91320706MA1YT3C88M', '知信专利代理 (demo agent)'],
    ['91350100M000100Y43', 'a real code issued in Fuzhou'],
  ])('%s of %s is accepted with a correct check character', (code) => {
    expect(checkUscc(code)).toEqual({ ok: true, value: code, checkCharacterValid: true });
  });

  it('computes the check character of the real Fuzhou code', () => {
    expect(computeUsccCheckCharacter('91350100M000100Y4')).toBe('3');
  });

  it('writes a check value of 31 as 0', () => {
    // Σ = 0 gives 31 - 0 = 31, which the standard maps to 0.
    expect(computeUsccCheckCharacter('00000000000000000')).toBe('0');
    expect(checkUscc('000000000000000000')).toEqual({ ok: true, value: '000000000000000000', checkCharacterValid: true });
  });

  it('accepts a code whose check character fails, with checkCharacterValid false (early pilot codes)', () => {
    expect(checkUscc('91320706MA1XK7H21B')).toEqual({ ok: true, value: '91320706MA1XK7H21B', checkCharacterValid: false });
  });

  it('catches a transposition of two characters through the check character', () => {
    expect(checkUscc('91320706MA1XK7H12A')).toMatchObject({ ok: true, checkCharacterValid: false });
  });

  it('upper-cases a lowercase code and trims surrounding spaces', () => {
    expect(checkUscc('  91320706ma1xk7h21a \n')).toEqual({ ok: true, value: '91320706MA1XK7H21A', checkCharacterValid: true });
  });

  it('normalises a full-width code typed with a Chinese input method', () => {
    expect(checkUscc('９１３２０７０６ＭＡ１ＸＫ７Ｈ２１Ａ')).toEqual({
      ok: true,
      value: '91320706MA1XK7H21A',
      checkCharacterValid: true,
    });
  });

  it.each([
    ['', 'empty'],
    ['91320706MA1XK7H21', '17 characters'],
    ['91320706MA1XK7H21AA', '19 characters'],
    ['9132 0706MA1XK7H21A', 'an inner space making 19'],
  ])('rejects %j (%s) as a wrong length', (code) => {
    expect(checkUscc(code)).toEqual({ ok: false, code: 'length' });
  });

  it.each(['I', 'O', 'Z', 'S', 'V', '-', '连'])('rejects the character %s, which is not in the code alphabet', (ch) => {
    expect(checkUscc(`91320706MA1XK7H2${ch}A`)).toEqual({ ok: false, code: 'character' });
  });

  it('refuses to compute a check character for input that is not 17 alphabet characters', () => {
    expect(() => computeUsccCheckCharacter('91320706MA1XK7H2')).toThrow(RangeError);
    expect(() => computeUsccCheckCharacter('91320706MA1XK7H2I')).toThrow(RangeError);
  });
});
