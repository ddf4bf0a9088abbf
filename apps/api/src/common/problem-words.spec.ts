// The problem documents' words (libs/domain's PARAM_WORDS) against what the code names: a Chinese message must not
// print an English word because a new resource, service or refused operation was named without its translation.
import { PARAM_WORDS } from '@lyg/domain';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

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

});
