import type { Language } from '@lyg/domain';

/** The caller's language from `Accept-Language` (zh-CN by default; English when preferred over Chinese). */
export function languageOf(header: string | string[] | undefined): Language {
  const raw = Array.isArray(header) ? header.join(',') : (header ?? '');
  let best: { lang: Language; q: number } = { lang: 'zh-CN', q: -1 };
  for (const part of raw.split(',')) {
    const [tag, ...params] = part.trim().toLowerCase().split(';');
    const qParam = params.find((p) => p.trim().startsWith('q='));
    const q = qParam ? Number(qParam.trim().slice(2)) : 1;
    const lang: Language | null = tag.startsWith('en') ? 'en' : tag.startsWith('zh') ? 'zh-CN' : null;
    if (lang && Number.isFinite(q) && q > best.q) best = { lang, q };
  }
  return best.lang;
}
