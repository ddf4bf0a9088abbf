import { ERROR_MESSAGES, formatMessage, localizeParams } from './messages';

const zh = (code: keyof typeof ERROR_MESSAGES, params: Record<string, string>) =>
  formatMessage(ERROR_MESSAGES[code].detail.zh, localizeParams(params, 'zh-CN'));
const en = (code: keyof typeof ERROR_MESSAGES, params: Record<string, string>) => formatMessage(ERROR_MESSAGES[code].detail.en, localizeParams(params, 'en'));

describe('problem messages read in one language', () => {
  it('names made of a word and a code read Chinese where the word is known', () => {
    expect(zh('not_found', { resource: 'route GET /api/v1/nothing' })).toBe('未找到该接口 GET /api/v1/nothing。');
    expect(en('not_found', { resource: 'route GET /api/v1/nothing' })).toBe('The route GET /api/v1/nothing was not found.');
    expect(zh('not_found', { resource: 'action fly' })).toBe('未找到该操作 fly。');
    expect(zh('not_found', { resource: 'outbox message' })).toBe('未找到该待发通知。');
    expect(zh('forbidden_role', { role: 'examiner', action: 'add evidence of kind screenshot' })).toBe('您的角色（审查员）不能执行“上传证据：网页截图”。');
    expect(en('forbidden_role', { role: 'examiner', action: 'add evidence of kind screenshot' })).toBe('Your role (examiner) may not perform "Add evidence of kind Screenshot".');
    expect(zh('forbidden_role', { role: 'court', action: 'create complaint' })).toBe('您的角色（法院）不能执行“创建投诉”。');
    expect(zh('service_unavailable', { service: 'database' })).toBe('数据库暂不可用，请稍后重试；本次请求未保存任何内容。');
    expect(en('service_unavailable', { service: 'object store' })).toBe('The object store is unavailable; retry later. Nothing of this request was saved.');
    // A whole word wins over a prefix; an unknown name is left as given.
    expect(zh('not_found', { resource: 'case' })).toBe('未找到该案件。');
    expect(zh('not_found', { resource: 'widget' })).toBe('未找到该widget。');
    // A refusal says why when a fact of the case stands against the action, and nothing more when none does.
    expect(zh('not_allowed_in_state', { state: 'customs_referral', action: 'withdraw', because: 'case_closed' })).toBe('案件处于“移交海关”状态，不能执行“撤回投诉”。案件已结案。');
    expect(en('not_allowed_in_state', { state: 'closed', action: 'withdraw' })).toBe('The case is in state "Closed"; "Withdraw" is not allowed.');
    expect(formatMessage('{a}{b?}|{c}', { a: '1' })).toBe('1|{c}');
  });
});
