import { type Language, NOTICE_TEMPLATES, type NoticeTemplate } from '@lyg/domain';
import { noticeFacts, noticeLink, type NoticeValues } from './notice-facts';
import { oneLine, renderHtml, renderText } from './notice-layout';
import { NOTICE_TEXTS } from './notice-texts';

export interface RenderedNotice {
  subject: string;
  text: string;
  html: string;
}

export const isNoticeTemplate = (name: string): name is NoticeTemplate => (NOTICE_TEMPLATES as readonly string[]).includes(name);

const DEFAULT_ACTION = { zh: '查看案件', en: 'Open the case' } as const;

/** The reader's language; anything but English gets the Chinese notice, the system's default language. */
const langOf = (language: Language | string): 'zh' | 'en' => (language === 'en' ? 'en' : 'zh');

/**
 * One notice in the reader's language: a subject with the case number, and the same content as plain text and as
 * HTML. Values come from the outbox row's `data`; a missing one leaves its line out.
 */
export function renderNotice(template: NoticeTemplate, language: Language, data: NoticeValues): RenderedNotice {
  if (!isNoticeTemplate(template)) throw new Error(`unknown notice template "${String(template)}"`);
  const lang = langOf(language);
  const t = NOTICE_TEXTS[template][lang];
  const caseNumber = typeof data.caseNumber === 'string' && data.caseNumber.trim() ? data.caseNumber.trim() : undefined;
  const subject = oneLine(caseNumber === undefined ? t.title : lang === 'zh' ? `【案件 ${caseNumber}】${t.title}` : `[Case ${caseNumber}] ${t.title}`);
  const href = noticeLink(data);
  const content = {
    lang,
    subject,
    title: t.title,
    paragraphs: t.paragraphs,
    facts: noticeFacts(data, lang, (typeof data.agency === 'string' ? t.dueLabelByAgency?.[data.agency as 'police' | 'customs' | 'court'] : undefined) ?? t.dueLabel),
    link: href === undefined ? undefined : { href, text: t.action ?? DEFAULT_ACTION[lang] },
  };
  return { subject, text: renderText(content), html: renderHtml(content) };
}
