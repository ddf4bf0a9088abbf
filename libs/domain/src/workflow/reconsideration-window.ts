import { STAGE_DEADLINES } from './stage-deadlines';

const DAY_MS = 86_400_000;
// Asia/Shanghai has kept UTC+8 without daylight saving since 1991, so a fixed offset gives the local date exactly.
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/**
 * End of the window in which the administrative body may ask the police to reconsider a decline
 * (行政执法机关移送涉嫌犯罪案件的规定 Art. 9: within 3 days of receiving the decline). Civil Code Arts. 201–203: the
 * day of the decline is not counted and the period ends at 24:00 Asia/Shanghai on its last day. The roll-forward past
 * a holiday is not applied here (the statutory calendar is administrator data outside the machine): the guard keeps
 * the plain 3 days, which a supervisor can always meet, and the worker's calendar-computed deadline row, when it fires,
 * is what makes the decline final.
 */
export const reconsiderationWindowEnd = (declinedAt: string): number => {
  const days = STAGE_DEADLINES['police_transfer_review.reconsideration_request'].period;
  const localDayStart = Math.floor((Date.parse(declinedAt) + SHANGHAI_OFFSET_MS) / DAY_MS) * DAY_MS;
  return localDayStart + (days + 1) * DAY_MS - SHANGHAI_OFFSET_MS;
};

export const withinReconsiderationWindow = (declinedAt: string, now: string): boolean =>
  Date.parse(now) < reconsiderationWindowEnd(declinedAt);
