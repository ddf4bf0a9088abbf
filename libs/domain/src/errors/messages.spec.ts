import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ERROR_MESSAGES, formatMessage, localizeParams, PARAM_WORDS } from './messages';

const zh = (code: keyof typeof ERROR_MESSAGES, params: Record<string, string>) =>
  formatMessage(ERROR_MESSAGES[code].detail.zh, localizeParams(params, 'zh-CN'));
const en = (code: keyof typeof ERROR_MESSAGES, params: Record<string, string>) => formatMessage(ERROR_MESSAGES[code].detail.en, localizeParams(params, 'en'));

/** The TypeScript sources of the API, the worker and the libraries (not their tests). */
function sources(): string[] {
  const root = path.resolve(__dirname, '../../../..');
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name !== 'node_modules' && e.name !== 'web') walk(p);
      } else if (e.name.endsWith('.ts') && !e.name.endsWith('.spec.ts')) out.push(readFileSync(p, 'utf8'));
    }
  };
  walk(path.join(root, 'apps'));
  walk(path.join(root, 'libs'));
  return out;
}

describe('problem messages read in one language', () => {
  it('every resource, service and operation the code names has its Chinese word', () => {
    const text = sources().join('\n');
    const literals = (name: string) => [...new Set([...text.matchAll(new RegExp(`\\b${name}: '([^']+)'`, 'g'))].map((m) => m[1]))];
    const resources = literals('resource');
    const services = literals('service');
    // The scan found what it looks for (a scan that matched nothing would pass vacuously).
    expect(resources).toEqual(expect.arrayContaining(['case', 'evidence', 'account']));
    expect(services).toEqual(expect.arrayContaining(['database', 'object store']));
    expect(resources.filter((r) => !PARAM_WORDS.resource[r])).toEqual([]);
    expect(services.filter((s) => !PARAM_WORDS.service[s])).toEqual([]);
    const forbidden = [...new Set([...text.matchAll(/'forbidden_role', \{ role: [\w.]+, action: '([^']+)' \}/g)].map((m) => m[1]))];
    expect(forbidden.length).toBeGreaterThan(0);
    expect(forbidden.filter((a) => !PARAM_WORDS.action[a])).toEqual([]);
  });

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
  });
});
