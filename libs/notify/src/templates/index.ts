export { AGENCY_LABELS, CENTER_NAME, OUTCOME_LABELS, ROUTE_LABELS, STAGE_LABELS } from './labels';
export type { NoticeValues } from './notice-facts';
export { isNoticeTemplate, renderNotice, type RenderedNotice } from './render-notice';
