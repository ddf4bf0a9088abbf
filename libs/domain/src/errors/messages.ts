import type { Language } from '../model';
import { ORGANIZATION_KIND_LABELS } from '../model/organizations';
import { EVIDENCE_KIND_LABELS } from '../triage/labels';
import { EVENT_LABELS, STATE_LABELS } from '../workflow/labels';
import type { ConditionCode } from '../workflow/stage-conditions';
import type { ErrorCode } from './app-error';

type Params = Record<string, string | number>;
type Text = { zh: string; en: string };

/** Titles and details of problem documents, by error code. `{name}` is replaced by the parameter. */
export const ERROR_MESSAGES: Record<ErrorCode, { status: number; title: Text; detail: Text }> = {
  validation_failed: {
    status: 422,
    title: { zh: '提交的数据有误', en: 'The submitted data is invalid' },
    detail: { zh: '有 {count} 个字段需要更正。', en: '{count} field(s) need to be corrected.' },
  },
  unauthenticated: {
    status: 401,
    title: { zh: '需要登录', en: 'Authentication required' },
    detail: { zh: '登录凭证缺失、无效或已过期，请重新登录。', en: 'The access token is missing, invalid or expired; sign in again.' },
  },
  invalid_credentials: {
    status: 401,
    title: { zh: '邮箱或密码错误', en: 'Wrong e-mail or password' },
    detail: { zh: '邮箱或密码错误。', en: 'The e-mail address or password is wrong.' },
  },
  too_many_attempts: {
    status: 429,
    title: { zh: '尝试次数过多', en: 'Too many attempts' },
    detail: { zh: '登录失败次数过多，请在 {retryAfter} 秒后重试。', en: 'Too many failed sign-ins; try again in {retryAfter} seconds.' },
  },
  rate_limited: {
    status: 429,
    title: { zh: '请求过于频繁', en: 'Too many requests' },
    detail: { zh: '请稍后重试。', en: 'Please retry later.' },
  },
  forbidden_role: {
    status: 403,
    title: { zh: '无权执行此操作', en: 'Not permitted for your role' },
    detail: { zh: '您的角色（{role}）不能执行“{action}”。', en: 'Your role ({role}) may not perform "{action}".' },
  },
  password_change_required: {
    status: 403,
    title: { zh: '请先修改密码', en: 'Change your password first' },
    detail: { zh: '您正在使用管理员发放的一次性密码，请先设置新密码。', en: 'You signed in with a one-time password from an administrator; set a new password first.' },
  },
  not_found: {
    status: 404,
    title: { zh: '未找到', en: 'Not found' },
    detail: { zh: '未找到该{resource}。', en: 'The {resource} was not found.' },
  },
  not_allowed_in_state: {
    status: 409,
    title: { zh: '当前状态下不能执行此操作', en: 'Action not allowed in the current state' },
    // `because`: the fact of the case that stands against an action its stage offers (CONDITION_CODES), when one does.
    detail: { zh: '案件处于“{state}”状态，不能执行“{action}”。{because?}', en: 'The case is in state "{state}"; "{action}" is not allowed.{because?}' },
  },
  version_conflict: {
    status: 409,
    title: { zh: '案件已被他人修改', en: 'The case was changed by someone else' },
    detail: { zh: '请刷新后重试。', en: 'Reload the case and try again.' },
  },
  precondition_failed: {
    status: 412,
    title: { zh: '版本已过期', en: 'Stale version' },
    detail: { zh: 'If-Match 指定的版本 {expected} 与当前版本 {actual} 不符，请刷新后重试。', en: 'If-Match names version {expected}, but it is at version {actual} now: reload and try again.' },
  },
  idempotency_key_reused: {
    status: 422,
    title: { zh: '幂等键已用于其他请求', en: 'Idempotency key reused with another request' },
    detail: { zh: '同一 Idempotency-Key 只能用于相同的请求内容。', en: 'An Idempotency-Key may only be reused with the same request body.' },
  },
  idempotency_in_progress: {
    status: 409,
    title: { zh: '相同请求正在处理', en: 'The same request is in progress' },
    detail: { zh: '请稍后使用相同的 Idempotency-Key 重试。', en: 'Retry later with the same Idempotency-Key.' },
  },
  payload_too_large: {
    status: 413,
    title: { zh: '内容过大', en: 'Payload too large' },
    detail: { zh: '上限为 {limit}。', en: 'The limit is {limit}.' },
  },
  evidence_limit_reached: {
    status: 413,
    title: { zh: '本案证据已达上限', en: 'Evidence limit of the case reached' },
    detail: {
      zh: '每个案件最多 {maxFiles} 份证据、合计 {maxTotal}；本案已有 {files} 份、合计 {total}。请合并或精简材料后再上传。',
      en: 'A case holds at most {maxFiles} evidence files, {maxTotal} in all; this one has {files}, {total} in all. Combine or trim the material before uploading more.',
    },
  },
  no_receiving_agency: {
    status: 409,
    title: { zh: '没有可接收移送的机关', en: 'No agency to receive the transfer' },
    detail: {
      zh: '系统中没有在用的{agency}机构，案件无法移送；请系统管理员先添加或启用该机构。本次操作未保存。',
      en: 'No active {agency} organisation exists to receive the case; an administrator must add or reactivate one first. Nothing was saved.',
    },
  },
  unsupported_media_type: {
    status: 415,
    title: { zh: '不支持的文件类型', en: 'Unsupported media type' },
    detail: { zh: '{detail}', en: '{detail}' },
  },
  internal_error: {
    status: 500,
    title: { zh: '服务器内部错误', en: 'Internal server error' },
    detail: { zh: '请求未能完成，已记录错误编号 {requestId}。', en: 'The request could not be completed; error reference {requestId}.' },
  },
  service_unavailable: {
    status: 503,
    title: { zh: '服务暂不可用', en: 'Service unavailable' },
    detail: { zh: '{service}暂不可用，请稍后重试；本次请求未保存任何内容。', en: '{service} is unavailable; retry later. Nothing of this request was saved.' },
  },
};

/** Field-level messages by code (`errors[].code`). */
export const FIELD_MESSAGES: Record<string, Text> = {
  required: { zh: '此项为必填项', en: 'is required' },
  unknown_field: { zh: '不允许的字段', en: 'is not an allowed field' },
  type_string: { zh: '必须是文本', en: 'must be a string' },
  type_integer: { zh: '必须是整数', en: 'must be an integer' },
  type_boolean: { zh: '必须是布尔值', en: 'must be true or false' },
  type_array: { zh: '必须是数组', en: 'must be an array' },
  type_object: { zh: '必须是对象', en: 'must be an object' },
  enum: { zh: '必须是以下值之一：{values}', en: 'must be one of: {values}' },
  length: { zh: '长度必须在 {min} 到 {max} 个字符之间', en: 'must be {min}–{max} characters long' },
  max_length: { zh: '长度不能超过 {max} 个字符', en: 'must be at most {max} characters long' },
  array_size: { zh: '必须包含 {min} 到 {max} 项', en: 'must have {min}–{max} items' },
  choose_at_least_one: { zh: '请至少选择一项', en: 'choose at least one' },
  array_unique: { zh: '不能有重复项', en: 'must not contain duplicates' },
  min: { zh: '不能小于 {min}', en: 'must not be less than {min}' },
  max: { zh: '不能大于 {max}', en: 'must not be greater than {max}' },
  date: { zh: '必须是有效日期（YYYY-MM-DD）', en: 'must be a valid date (YYYY-MM-DD)' },
  date_in_future: { zh: '不能晚于今天', en: 'must not be in the future' },
  email: { zh: '必须是有效的电子邮箱地址', en: 'must be a valid e-mail address' },
  url: { zh: '必须是有效的 http(s) 网址', en: 'must be a valid http(s) URL' },
  phone: { zh: '必须是有效的电话号码', en: 'must be a valid phone number' },
  uuid: { zh: '必须是 UUID', en: 'must be a UUID' },
  country: { zh: '必须是 ISO 3166-1 两位国家代码（如 CN）', en: 'must be an ISO 3166-1 alpha-2 country code (e.g. CN)' },
  region_code: { zh: '必须是 6 位行政区划代码（GB/T 2260）', en: 'must be a 6-digit administrative region code (GB/T 2260)' },
  uscc_required: {
    zh: '中国境内非个人投诉人必须填写统一社会信用代码',
    en: 'is required for a complainant in China that is not an individual',
  },
  uscc_length: { zh: '统一社会信用代码必须是 18 位', en: 'a unified social credit code has 18 characters' },
  uscc_character: {
    zh: '统一社会信用代码只能包含数字和大写字母（不含 I、O、S、V、Z）',
    en: 'a unified social credit code uses digits and capital letters except I, O, S, V, Z',
  },
  uscc_check_character: {
    zh: '统一社会信用代码校验位不符（GB 32100-2015），已按试点期代码受理，请核对',
    en: 'the check character does not match (GB 32100-2015); accepted as an early pilot code, please verify',
  },
  patent_format: {
    zh: '专利号格式不正确（如 ZL202310586421.6）',
    en: 'is not a CNIPA application number (e.g. ZL202310586421.6)',
  },
  patent_type_digit: {
    zh: '专利号的类型位与专利类型不符（1/8 发明，2/9 实用新型，3 外观设计）',
    en: 'the type digit does not match the patent type (1/8 invention, 2/9 utility model, 3 design)',
  },
  patent_check_digit: { zh: '专利号校验位错误', en: 'the check digit is wrong' },
  trademark_format: { zh: '商标注册号必须是 1–8 位数字', en: 'a trademark registration number has 1–8 digits' },
  nice_required: { zh: '商标必须至少指定一个尼斯分类', en: 'a trademark needs at least one Nice class' },
  nice_range: { zh: '尼斯分类必须是 1–45 的整数', en: 'Nice classes are integers from 1 to 45' },
  nice_duplicate: { zh: '尼斯分类不能重复', en: 'Nice classes must not repeat' },
  number_required: { zh: '此类权利必须填写权利号', en: 'a right of this type needs its number' },
  invalid: { zh: '取值无效', en: 'is invalid' },
  calendar_data: { zh: '日历数据有误：{detail}', en: 'calendar data problem: {detail}' },
  not_in_year: { zh: '{text} 不在 {year} 年内', en: '{text} is not in {year}' },
  range_reversed: { zh: '起始日 {from} 晚于结束日 {to}', en: 'from {from} is after to {to}' },
  overlaps: { zh: '与 {other} 的日期重叠', en: 'overlaps {other}' },
  listed_twice: { zh: '{text} 重复列出', en: '{text} is listed twice' },
  not_a_weekend: { zh: '{text} 不是周六或周日：调休上班日只能是周末', en: '{text} is not a Saturday or Sunday: make-up working days are weekend days' },
  inside_holiday: { zh: '{text} 落在假期 {other} 之内', en: '{text} is inside the holiday {other}' },
  file_required: { zh: '必须上传文件', en: 'a file is required' },
  file_empty: { zh: '文件为空', en: 'the file is empty' },
  file_type: {
    zh: '文件类型不被接受（检测为：{detected}）；可接受：{allowed}',
    en: 'this type of file is not accepted (detected: {detected}); accepted: {allowed}',
  },
  single_file: { zh: '每次只能上传一个文件', en: 'only one file per request' },
  single_value: { zh: '此项只能出现一次', en: 'may be given only once' },
  multipart_required: { zh: '请以 multipart/form-data 上传文件', en: 'upload the file as multipart/form-data' },
  already_exists: { zh: '该值已被使用', en: 'is already in use' },
  role_organization: {
    zh: '该角色的账号须属于以下类型的机构：{kinds}',
    en: 'an account of this role belongs to an organisation of kind: {kinds}',
  },
  role_organization_none: { zh: '系统管理员账号不属于任何机构', en: 'a system administrator belongs to no organisation' },
  organization_kind_in_use: {
    zh: '该机构已有与新类型不符的账号（{roles}）',
    en: 'the organisation has accounts whose roles do not fit the new kind ({roles})',
  },
  own_account: { zh: '不能停用自己的账号或更改自己的角色', en: 'you cannot deactivate your own account or change your own role' },
  uuid_list: { zh: '必须是 ID 列表（最多 {max} 个）', en: 'must be a list of ids (at most {max})' },
  not_applicable: { zh: '此操作不移送案件，不能选择随案移送的证据', en: 'this action transfers nothing, so no evidence can be sent with it' },
  transfer_not_applicable: { zh: '此操作不移送案件，不能选择接收机关', en: 'this action transfers nothing, so no receiving organisation can be chosen' },
  agency_invalid: { zh: '须为已启用的{kind}机构', en: 'must be an active organisation of the kind {kind}' },
  not_a_mediator: { zh: '须为已启用的调解员账号', en: 'must be an active mediator account' },
  assignee_wrong_queue: { zh: '该人员不负责案件当前所处的阶段', en: 'does not work the stage the case is in' },
  open_transfers: {
    zh: '该机构尚有 {count} 件移送案件未办结，请指定接手的同类机构',
    en: 'the organisation still has {count} transferred case(s) to finish: name the organisation of its kind that takes them over',
  },
  successor_invalid: { zh: '须为另一家已启用的同类机构（{kind}）', en: 'must be another active organisation of the same kind ({kind})' },
  successor_not_applicable: { zh: '仅在停用机构或变更其类型时指定接手机构', en: 'a successor is named only when the organisation is deactivated or changes kind' },
  not_of_case: { zh: '含有不属于本案的证据', en: 'names evidence that is not this case’s' },
  last_admin: { zh: '这是唯一在用的管理员账号，不能停用或改为其他角色', en: 'this is the only active administrator; it cannot be deactivated or given another role' },
  password_length: { zh: '密码长度必须在 {min} 到 {max} 个字符之间', en: 'a password has {min}–{max} characters' },
  password_reused: { zh: '新密码不能与当前密码相同', en: 'the new password must differ from the current one' },
  password_wrong: { zh: '当前密码不正确', en: 'the current password is wrong' },
  agency_organization: {
    zh: '只能共享给公安、法院、海关或检察机关',
    en: 'evidence can be shared only with a police, court, customs or procuratorate organisation',
  },
};

/** What an upload was found to be (libs/evidence's file-type check), for a 415 in the reader's language. */
const DETECTED: Readonly<Record<string, Text>> = {
  'Windows executable (MZ)': { zh: 'Windows 可执行文件（MZ）', en: 'Windows executable (MZ)' },
  'ELF executable': { zh: 'ELF 可执行文件', en: 'ELF executable' },
  'Mach-O executable or Java class': { zh: 'Mach-O 可执行文件或 Java 类文件', en: 'Mach-O executable or Java class' },
  'unknown binary format': { zh: '未知的二进制格式', en: 'unknown binary format' },
  'binary data (NUL bytes)': { zh: '二进制数据（含 NUL 字节）', en: 'binary data (NUL bytes)' },
  'binary data (not UTF-8 text)': { zh: '二进制数据（非 UTF-8 文本）', en: 'binary data (not UTF-8 text)' },
  'macro-enabled office document': { zh: '含宏的 Office 文档', en: 'macro-enabled office document' },
  'OLE2 compound file (not a Word, Excel or PowerPoint document)': { zh: 'OLE2 复合文件（非 Word、Excel 或 PowerPoint 文档）', en: 'OLE2 compound file (not a Word, Excel or PowerPoint document)' },
  'Matroska container (not WebM)': { zh: 'Matroska 容器（非 WebM）', en: 'Matroska container (not WebM)' },
  'ZIP archive (not an office document)': { zh: 'ZIP 压缩包（非 Office 文档）', en: 'ZIP archive (not an office document)' },
  'ZIP archive (empty or spanned)': { zh: 'ZIP 压缩包（空包或分卷）', en: 'ZIP archive (empty or spanned)' },
  'ZIP archive (encrypted archive)': { zh: 'ZIP 压缩包（已加密）', en: 'ZIP archive (encrypted archive)' },
  'multipart/form-data': { zh: '须以 multipart/form-data 上传', en: 'multipart/form-data' },
};

/** Words a message names by code (`{resource}`, `{service}`, `{role}`, `{kind}`, `{state}`, `{action}`), in each language: a Chinese message reads Chinese throughout. */
export const PARAM_WORDS: Record<string, Readonly<Record<string, Text>>> = {
  resource: {
    case: { zh: '案件', en: 'case' },
    evidence: { zh: '证据', en: 'evidence' },
    'transfer package': { zh: '移送材料包', en: 'transfer package' },
    'registered enterprise': { zh: '保护名录企业', en: 'registered enterprise' },
    organisation: { zh: '机构', en: 'organisation' },
    'calendar year': { zh: '日历年度', en: 'calendar year' },
    'answer link': { zh: '答辩链接', en: 'answer link' },
    account: { zh: '账号', en: 'account' },
    mail: { zh: '邮件', en: 'mail' },
    'outbox message': { zh: '待发通知', en: 'outbox message' },
    'rule set': { zh: '分流规则集', en: 'triage rule set' },
  },
  service: {
    API: { zh: '系统服务', en: 'The service' },
    database: { zh: '数据库', en: 'The database' },
    'object store': { zh: '对象存储', en: 'The object store' },
  },
  agency: {
    police: { zh: '公安机关', en: 'police' },
    customs: { zh: '海关', en: 'customs' },
    court: { zh: '法院', en: 'court' },
  },
  // Why an action the stage offers is refused now (stage-conditions.ts), said after the refusal.
  because: {
    no_extension_left: { zh: '本阶段期限的延长次数已用完。', en: ' The deadline of this stage has no extension left.' },
    not_declined: { zh: '只有公安机关作出不予立案决定后才能提请复议。', en: ' Reconsideration may be requested only after a police decline.' },
    already_acknowledged: { zh: '已确认接收，无需再次确认。', en: ' Receipt has already been acknowledged.' },
    filed_ex_officio: { zh: '已立案的行政执法案件依职权继续办理，不能撤回（专利纠纷除外）。', en: ' A filed enforcement case proceeds ex officio and cannot be withdrawn (patent disputes excepted).' },
    case_closed: { zh: '案件已结案。', en: ' The case is closed.' },
    deadline_not_running: { zh: '该期限在本阶段未在计算。', en: ' That deadline is not running in this stage.' },
  } satisfies Record<ConditionCode, Text>,
  kind: ORGANIZATION_KIND_LABELS,
  detected: DETECTED,
  detail: DETECTED,
  state: STATE_LABELS,
  action: {
    ...EVENT_LABELS,
    edit: { zh: '修改投诉', en: 'Edit the complaint' },
    'add evidence': { zh: '上传证据', en: 'Add evidence' },
    claim: { zh: '认领', en: 'Claim' },
    release: { zh: '释放', en: 'Release' },
    reassign: { zh: '改派', en: 'Reassign' },
    'create complaint': { zh: '创建投诉', en: 'Create a complaint' },
  },
  role: {
    enterprise: { zh: '企业', en: 'enterprise' },
    examiner: { zh: '审查员', en: 'examiner' },
    supervisor: { zh: '负责人', en: 'supervisor' },
    mediator: { zh: '调解员', en: 'mediator' },
    officer: { zh: '执法人员', en: 'enforcement officer' },
    police: { zh: '公安机关', en: 'police' },
    court: { zh: '法院', en: 'court' },
    customs: { zh: '海关', en: 'customs' },
    procuratorate: { zh: '检察机关', en: 'procuratorate' },
    admin: { zh: '系统管理员', en: 'administrator' },
    system: { zh: '系统', en: 'system' },
    respondent: { zh: '被投诉人', en: 'respondent' },
  },
};

/**
 * Parameters made of a word and a name (`route GET /x`, `action foo`, `add evidence of kind screenshot`): the word by
 * `PARAM_PREFIXES`, the rest as given or, where the prefix names its table, by that table.
 */
export const PARAM_PREFIXES: Record<string, readonly { prefix: string; text: Text; rest?: Readonly<Record<string, Text>> }[]> = {
  resource: [
    { prefix: 'route ', text: { zh: '接口 ', en: 'route ' } },
    { prefix: 'action ', text: { zh: '操作 ', en: 'action ' } },
  ],
  action: [{ prefix: 'add evidence of kind ', text: { zh: '上传证据：', en: 'Add evidence of kind ' }, rest: EVIDENCE_KIND_LABELS }],
};

/** `params` with the words of `PARAM_WORDS` (and `PARAM_PREFIXES`) in `lang`; anything else as given. */
export function localizeParams(params: Params, lang: Language): Params {
  const out: Params = { ...params };
  const say = (t: Text) => (lang === 'en' ? t.en : t.zh);
  for (const [name, words] of Object.entries(PARAM_WORDS)) {
    const v = params[name];
    const word = typeof v === 'string' ? words[v] : undefined;
    if (word) out[name] = say(word);
  }
  for (const [name, prefixes] of Object.entries(PARAM_PREFIXES)) {
    const v = params[name];
    if (typeof v !== 'string' || out[name] !== v) continue;
    const p = prefixes.find((x) => v.startsWith(x.prefix));
    if (!p) continue;
    const rest = v.slice(p.prefix.length);
    const restWord = p.rest?.[rest];
    out[name] = say(p.text) + (restWord ? say(restWord) : rest);
  }
  return out;
}

/** `{name}` takes the parameter (left as it is when missing); `{name?}` is optional: nothing when missing. */
export function formatMessage(template: string, params: Params = {}): string {
  return template.replace(/\{(\w+)(\?)?\}/g, (m, k: string, optional?: string) => (k in params ? String(params[k]) : optional ? '' : m));
}

export function localize(text: Text, lang: Language, params?: Params): string {
  return formatMessage(lang === 'en' ? text.en : text.zh, params);
}
