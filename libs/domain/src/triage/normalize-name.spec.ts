import fc from 'fast-check';
import { normalizeName } from './normalize-name';

const reference = (name: string): string => name.normalize('NFKC').replace(/\s+/gu, '').toLowerCase();

describe('party names as duplicate and repeat matching compare them', () => {
  it('treats full-width characters, ideographic and ordinary spaces and letter case as the same name', () => {
    expect(normalizeName('\u3000海州区 某药房（解放路店） ')).toBe(normalizeName('海州区某药房(解放路店)'));
    expect(normalizeName('ＡＢＣ Trading\tCo.,Ltd')).toBe('abctradingco.,ltd');
  });

  it('keeps different names different', () => {
    expect(normalizeName('连云港康恒医药有限公司')).not.toBe(normalizeName('连云港海信新材料有限公司'));
  });

  it('gives the NFKC, space-free, lower-case form for any text (the fast path included)', () => {
    const chars = fc.constantFrom(...'海州区某药房 \u3000ＡＢａｂAbc.,()（）\t１2ﬁ①㈱'.split(''));
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 20 }), (parts) => {
        const name = parts.join('');
        expect(normalizeName(name)).toBe(reference(name));
      }),
    );
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 20 }), (name) => expect(normalizeName(name)).toBe(reference(name))));
  });
});
