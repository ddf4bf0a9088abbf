import { normalizePartyName } from './party-name';

describe('party name for duplicate and repeat-infringer matching', () => {
  it('treats a full-width name with ideographic spaces as the same party', () => {
    expect(normalizePartyName('\u3000连云港 康恒医药\u3000有限公司 ')).toBe(normalizePartyName('连云港康恒医药有限公司'));
    expect(normalizePartyName('\u3000连云港 康恒医药\u3000有限公司 ')).toBe('连云港康恒医药有限公司');
  });

  it('folds full-width Latin letters, brackets and case', () => {
    expect(normalizePartyName('ＡＢＣ（连云港）Trading Co.,Ltd')).toBe('abc(连云港)tradingco.,ltd');
  });

  it('removes tabs and line breaks pasted from documents', () => {
    expect(normalizePartyName('Haizhou\tPharmacy\r\n')).toBe('haizhoupharmacy');
  });

  it('keeps different names different', () => {
    expect(normalizePartyName('连云港康恒医药有限公司')).not.toBe(normalizePartyName('连云港海信新材料有限公司'));
  });
});
