// The legal basis of a triage reason is kept as the statute citation in Chinese (`legalBasis`, contract.md): that
// text is the authority. For a reader of the English interface it is rendered in English citation form, word for
// word: statutes by their official English titles, 第N条 as Art. N, judicial interpretations as Fa Shi [year] No. n.
// A citation with a part this table does not know (a rule set added from a file may cite anything) has no English
// rendering: the reader then sees the Chinese text alone, never a half-translated one.

/** Official English titles of the statutes, regulations and documents the rule sets cite. */
const TITLES: Record<string, string> = {
  '刑法': 'Criminal Law',
  '专利法': 'Patent Law',
  '商标法': 'Trademark Law',
  '著作权法': 'Copyright Law',
  '民法典': 'Civil Code',
  '民事诉讼法': 'Civil Procedure Law',
  '行政处罚法': 'Administrative Penalty Law',
  '电子商务法': 'E-Commerce Law',
  '药品管理法': 'Drug Administration Law',
  '人民调解法': 'People\u2019s Mediation Law',
  '反不正当竞争法': 'Anti-Unfair Competition Law',
  '植物新品种保护条例': 'Regulations on the Protection of New Varieties of Plants',
  '知识产权海关保护条例': 'Regulations on Customs Protection of Intellectual Property Rights',
  '行政执法机关移送涉嫌犯罪案件的规定': 'Provisions on the Transfer of Suspected Criminal Cases by Administrative Law Enforcement Organs',
  '连云港市国家知识产权强市建设试点城市工作方案（2024—2026年）': 'Lianyungang Work Plan for the National IP-Strong City Pilot (2024–2026)',
};

/** Whole phrases that are not citations: the notes in brackets and the rules' own descriptions. */
const PHRASES: Record<string, string> = {
  '由权利人或者利害关系人请求处理': 'handling at the request of the right holder or an interested party',
  '有具体的请求和事实、理由': 'specific claims, facts and reasons',
  '委托代理应有授权委托书': 'an agent acts on a letter of authorization',
  '保护期限届满': 'term of protection expired',
  '诉讼时效三年': 'three-year limitation period',
  '违法行为发生地管辖': 'jurisdiction of the place of the violation',
  '重复投诉：同一投诉人、同一被投诉人、同一权利的在办案件': 'duplicate complaint: an open case of the same complainant, respondent and right',
  '知识产权保护中心快速维权': 'fast rights protection by the IP protection center',
  '知识产权纠纷多元化解': 'diversified resolution of IP disputes',
  '赔偿数额争议可调解或向人民法院起诉': 'a dispute over the amount of damages may be mediated or brought before a people\u2019s court',
  '违法行为二年内未被发现的，不再给予行政处罚': 'a violation not discovered within two years is no longer penalized',
  '同保护；海外知识产权纠纷应对指导': 'equal protection; guidance on overseas IP disputes',
  '重点产业': 'key industries',
  '通知—删除': 'notice and takedown',
  '统筹进出口双向监管': 'coordinated supervision of imports and exports',
  '保护和促进公众健康': 'protecting and promoting public health',
  '工作方案': 'the Work Plan',
};

const CJK = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/;

/** 第213条、第214条 → Arts. 213, 214; 第60条第3款 → Art. 60(3); 第122条第3项 → Art. 122, item 3. */
function articles(text: string): string {
  const refs: string[] = [];
  const re = /第(\d+)条(?:第(\d+)款)?(?:第(\d+)项)?/g;
  let rest = text;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    refs.push(`${m[1]}${m[2] ? `(${m[2]})` : ''}${m[3] ? `, item ${m[3]}` : ''}`);
    rest = rest.replace(m[0], '');
  }
  if (!refs.length || rest.replace(/[、，,\s]/g, '') !== '') return text;
  return `${refs.length > 1 ? 'Arts.' : 'Art.'} ${refs.join(', ')}`;
}

/** The text split at each `；` outside brackets (a note may hold one: （同保护；海外知识产权纠纷应对指导）). */
function topLevelParts(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '（' || ch === '《') depth++;
    else if ((ch === '）' || ch === '》') && depth > 0) depth--;
    else if (ch === '；' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

/** One citation or note (the text between two `；`). */
function part(text: string): string {
  let out = text.trim();
  // A note in brackets at the end: （保护期限届满）.
  const note = /（([^（）]+)）$/.exec(out);
  let noteEn = '';
  if (note) {
    noteEn = ` (${PHRASES[note[1]] ?? note[1]})`;
    out = out.slice(0, note.index);
  }
  if (out in PHRASES) return PHRASES[out] + noteEn;
  // Judicial interpretations: 法释〔2025〕5号 第1条.
  out = out.replace(/法释〔(\d{4})〕(\d+)号\s*/g, (_m, year: string, no: string) => `Fa Shi [${year}] No. ${no} `);
  // Statutes by title: 《刑法》第213条、第214条, and the same without its articles.
  out = out.replace(/《([^《》]+)》/g, (m, title: string) => (title in TITLES ? `${TITLES[title]} ` : m));
  // The work plan's tasks: 工作方案任务4、5、7 / 任务11.
  out = out.replace(/(工作方案)?任务(\d+(?:、\d+)*)/g, (_m, plan: string | undefined, nos: string) => {
    const list = nos.split('、');
    return `${plan ? `${PHRASES['工作方案']}, ` : ''}${list.length > 1 ? 'Tasks' : 'Task'} ${list.join(', ')}`;
  });
  out = out.replace(/((?:第\d+条(?:第\d+款)?(?:第\d+项)?)(?:、第\d+条(?:第\d+款)?(?:第\d+项)?)*)/g, (m) => articles(m));
  out = out.replace(/、/g, ', ');
  return `${out.replace(/\s+/g, ' ').replace(/ ,/g, ',').trim()}${noteEn}`;
}

/** The citation in English, or null when a part of it is not known (then the Chinese text is all there is). */
export function legalBasisEn(legalBasis: string): string | null {
  const en = topLevelParts(legalBasis).map(part).join('; ');
  return CJK.test(en) ? null : en;
}
