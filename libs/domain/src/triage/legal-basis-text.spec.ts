import { legalBasisEn } from './legal-basis-text';

describe('the legal basis in English', () => {
  it.each([
    ['《刑法》第213条、第214条；法释〔2025〕5号', 'Criminal Law Arts. 213, 214; Fa Shi [2025] No. 5'],
    ['《刑法》第219条；法释〔2004〕19号 第7条', 'Criminal Law Art. 219; Fa Shi [2004] No. 19 Art. 7'],
    ['《商标法》第60条第2款；法释〔2021〕4号 第4条', 'Trademark Law Art. 60(2); Fa Shi [2021] No. 4 Art. 4'],
    ['《民事诉讼法》第122条第3项（有具体的请求和事实、理由）', 'Civil Procedure Law Art. 122, item 3 (specific claims, facts and reasons)'],
    ['《专利法》第65条、《商标法》第60条（由权利人或者利害关系人请求处理）', 'Patent Law Art. 65, Trademark Law Art. 60 (handling at the request of the right holder or an interested party)'],
    ['工作方案任务12（同保护；海外知识产权纠纷应对指导）', 'the Work Plan, Task 12 (equal protection; guidance on overseas IP disputes)'],
    ['工作方案任务4、5、7（重点产业）', 'the Work Plan, Tasks 4, 5, 7 (key industries)'],
    [
      '知识产权保护中心快速维权；《连云港市国家知识产权强市建设试点城市工作方案（2024—2026年）》任务11',
      'fast rights protection by the IP protection center; Lianyungang Work Plan for the National IP-Strong City Pilot (2024–2026) Task 11',
    ],
    ['《知识产权海关保护条例》；工作方案任务12（统筹进出口双向监管）', 'Regulations on Customs Protection of Intellectual Property Rights; the Work Plan, Task 12 (coordinated supervision of imports and exports)'],
  ])('%s → %s', (zh, en) => {
    expect(legalBasisEn(zh)).toBe(en);
  });

  it('a citation with a part it does not know has no English rendering (never a half-translated one)', () => {
    expect(legalBasisEn('《种子法》第28条')).toBeNull();
    expect(legalBasisEn('《刑法》第213条；某地方规定')).toBeNull();
    expect(legalBasisEn('《刑法》第213条（另见说明）')).toBeNull();
  });
});
