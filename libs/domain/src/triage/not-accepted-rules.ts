// Section 2, route not_accepted: complaints the center cannot take up at all.
import type { LocalizedText, TriageReason } from '../model';
import { CHANNEL_LABELS, RIGHT_TYPE_LABELS } from './labels';
import { dayNumberOf } from './calendar-day';
import { formatAmount, joinText, periodText, reason } from './reason-text';
import { screen } from './route-decision';
import type { RouteDecision, ScreeningRule } from './route-decision';
import type { TriageContext } from './triage-context';
import type { JurisdictionPlace } from './triage-rule-set';

// N1: an expired right cannot be infringed after it expired. Rights without a term (copyright, trade secrets)
// keep the complaint admissible, and so does any right whose term is unknown.
const n1RightNotInForce: ScreeningRule = ({ complaint, rules, firstKnownDay }): TriageReason | null => {
  const { ipRights, infringement } = complaint;
  if (ipRights.length === 0) return null;
  for (const right of ipRights) {
    if (right.validUntil === null || rules.rightsWithoutTerm.has(right.type)) return null;
    if (dayNumberOf(right.validUntil) >= firstKnownDay) return null;
  }
  const rights = joinText(
    ipRights.map((r) => {
      const label = RIGHT_TYPE_LABELS[r.type];
      const id = r.number ?? r.title;
      return { zh: `${label.zh} ${id}（有效期至 ${r.validUntil}）`, en: `${label.en} ${id} (valid until ${r.validUntil})` };
    }),
  );
  return reason(
    'N1',
    '《专利法》第42条；《商标法》第39条、第40条（保护期限届满）',
    `全部权利在首次知悉侵权之日（${infringement.firstKnownAt}）前已届满：${rights.zh}。`,
    `Every right had expired before the infringement first became known (${infringement.firstKnownAt}): ${rights.en}.`,
  );
};

// N2: the limitation period for claiming protection runs from when the right holder knew of the infringement.
const n2LimitationExpired: ScreeningRule = ({ complaint, rules, daysSinceFirstKnown }) => {
  const limit = rules.source.limitationDays;
  if (daysSinceFirstKnown <= limit) return null;
  const period = periodText(limit);
  const { firstKnownAt } = complaint.infringement;
  const days = formatAmount(daysSinceFirstKnown);
  return reason(
    'N2',
    '《民法典》第188条；《专利法》第74条（诉讼时效三年）',
    `首次知悉侵权之日（${firstKnownAt}）距提交日 ${days} 天，超过 ${period.zh} 的时效。`,
    `The infringement first became known on ${firstKnownAt}, ${days} days before submission: more than the ${period.en} limitation period.`,
  );
};

const PLACE_LABELS: Record<JurisdictionPlace, LocalizedText> = {
  complainant: { zh: '投诉人所在地', en: "the complainant's region" },
  respondent: { zh: '被投诉人所在地', en: "the respondent's region" },
  infringement: { zh: '侵权行为地', en: 'the place of infringement' },
};

// N3: the center and the city's agencies act only for acts in, or felt in, Lianyungang (地域管辖).
const n3OutsideJurisdiction: ScreeningRule = ({ complaint, rules }) => {
  const { jurisdictionPrefix, jurisdictionPlaces } = rules.source;
  const { channel } = complaint.infringement;
  const places = jurisdictionPlaces[channel];
  const regionOf = (place: JurisdictionPlace): string | null => complaint[place].regionCode;
  if (places.some((place) => regionOf(place)?.startsWith(jurisdictionPrefix) === true)) return null;
  const where = joinText(
    places.map((place) => {
      const code = regionOf(place);
      return { zh: `${PLACE_LABELS[place].zh}（${code ?? '未填写'}）`, en: `${PLACE_LABELS[place].en} (${code ?? 'not given'})` };
    }),
  );
  const channelLabel = CHANNEL_LABELS[channel];
  return reason(
    'N3',
    '《行政处罚法》第22条（违法行为发生地管辖）',
    `${channelLabel.zh}渠道：${where.zh}均不在连云港市（行政区划代码 ${jurisdictionPrefix}）。`,
    `Channel ${channelLabel.en}: ${where.en} — none is in Lianyungang (region code ${jurisdictionPrefix}).`,
  );
};

// N4: one dispute, one case — a second complaint about the same dispute while the first is open is not accepted.
const n4Duplicate: ScreeningRule = ({ complaint, priorCases }) => {
  const { duplicates } = priorCases;
  if (duplicates.length === 0) return null;
  const caseNumbers = duplicates.map((d) => d.caseNumber).join(', ');
  const shared = complaint.ipRights
    .flatMap(({ number }) => (number !== null && duplicates.some((d) => d.rightNumbers.includes(number)) ? [number] : []))
    .join(', ');
  return reason(
    'N4',
    '重复投诉：同一投诉人、同一被投诉人、同一权利的在办案件',
    `与尚未办结的案件 ${caseNumbers} 重复：投诉人和被投诉人相同，且涉及相同权利（${shared}）。`,
    `Duplicate of open case ${caseNumbers}: same complainant, same respondent and a shared right (${shared}).`,
  );
};

const NOT_ACCEPTED_RULES: readonly ScreeningRule[] = [n1RightNotInForce, n2LimitationExpired, n3OutsideJurisdiction, n4Duplicate];

export const decideNotAccepted = (ctx: TriageContext): RouteDecision | null =>
  screen('not_accepted', NOT_ACCEPTED_RULES, ctx);
