import type { LocalizedText } from '@lyg/domain';
import type { NoticeFact } from './notice-facts';
import { CENTER_NAME } from './labels';

type Lang = keyof LocalizedText;

/** Everything a notice shows, already in the reader's language. */
export interface NoticeContent {
  lang: Lang;
  subject: string;
  title: string;
  paragraphs: readonly string[];
  facts: readonly NoticeFact[];
  link?: { href: string; text: string };
}

const GREETING: LocalizedText = { zh: '您好：', en: 'Hello,' };
const AUTOMATED: LocalizedText = {
  zh: '本邮件由系统自动发送，请勿直接回复。',
  en: 'This message was sent automatically; please do not reply to it.',
};
const LIST_SEPARATOR: LocalizedText = { zh: '：', en: ': ' };
const HTML_LANG: LocalizedText = { zh: 'zh-CN', en: 'en' };

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** A subject is one header line: line breaks in a value would start a new header (or nothing, in most clients). */
export const oneLine = (s: string) => s.replace(/[\r\n\t]+/g, ' ').trim();

export function renderText(c: NoticeContent): string {
  const sep = LIST_SEPARATOR[c.lang];
  const indent = (s: string, by: string) => s.replace(/\r?\n/g, `\n${by}`);
  const facts = c.facts.map((f) =>
    typeof f.value === 'string'
      ? `${f.label}${sep}${indent(f.value, '  ')}`
      : `${f.label}${sep.trimEnd()}\n${f.value.map((v, i) => `  ${i + 1}. ${indent(v, '     ')}`).join('\n')}`,
  );
  const parts = [
    CENTER_NAME[c.lang],
    '',
    c.title,
    '',
    GREETING[c.lang],
    '',
    ...c.paragraphs.flatMap((p) => [p, '']),
    ...(facts.length ? [...facts, ''] : []),
    ...(c.link ? [`${c.link.text}${sep}${c.link.href}`, ''] : []),
    '-- ',
    AUTOMATED[c.lang],
    CENTER_NAME[c.lang],
  ];
  return `${parts.join('\n')}\n`;
}

// A plain, table-based layout that mail clients render alike; real text (not images), a language attribute, a
// heading, row headers for the facts and colours with at least 4.5:1 contrast, so screen readers and zoom work.
const FONT = "font-family:'PingFang SC','Microsoft YaHei','Noto Sans CJK SC',Arial,sans-serif";

export function renderHtml(c: NoticeContent): string {
  const e = escapeHtml;
  const multiline = (s: string) => e(s).replace(/\r?\n/g, '<br>');
  const cell = 'padding:6px 12px 6px 0;vertical-align:top;font-size:15px;line-height:1.6';
  const facts = c.facts
    .map((f) => {
      const value =
        typeof f.value === 'string'
          ? multiline(f.value)
          : `<ol style="margin:0;padding-left:20px">${f.value.map((v) => `<li>${multiline(v)}</li>`).join('')}</ol>`;
      return `<tr><th scope="row" style="${cell};text-align:left;font-weight:600;white-space:nowrap;color:#333">${e(f.label)}</th><td style="${cell};color:#1a1a1a">${value}</td></tr>`;
    })
    .join('\n');
  const link = c.link
    ? `<p style="margin:24px 0"><a href="${e(c.link.href)}" style="display:inline-block;padding:10px 20px;background:#0b4f8a;color:#ffffff;text-decoration:none;border-radius:4px;font-size:15px">${e(c.link.text)}</a></p>\n<p style="margin:0 0 16px;font-size:13px;color:#555;word-break:break-all">${e(c.link.href)}</p>`
    : '';
  return `<!DOCTYPE html>
<html lang="${HTML_LANG[c.lang]}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(c.subject)}</title>
</head>
<body style="margin:0;padding:0;background:#f4f5f7;${FONT}">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f4f5f7">
<tr><td align="center" style="padding:24px 12px">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:640px;background:#ffffff;border:1px solid #d9dce1">
<tr><td style="padding:16px 24px;background:#0b4f8a;color:#ffffff;font-size:16px;font-weight:600">${e(CENTER_NAME[c.lang])}</td></tr>
<tr><td style="padding:24px;color:#1a1a1a;font-size:15px;line-height:1.6">
<h1 style="margin:0 0 16px;font-size:20px;line-height:1.4;color:#1a1a1a">${e(c.title)}</h1>
<p style="margin:0 0 12px">${e(GREETING[c.lang])}</p>
${c.paragraphs.map((p) => `<p style="margin:0 0 12px">${multiline(p)}</p>`).join('\n')}
${facts ? `<table style="margin:16px 0;border-collapse:collapse">\n${facts}\n</table>` : ''}
${link}
</td></tr>
<tr><td style="padding:16px 24px;border-top:1px solid #d9dce1;font-size:13px;line-height:1.6;color:#555">${e(AUTOMATED[c.lang])}<br>${e(CENTER_NAME[c.lang])}</td></tr>
</table>
</td></tr>
</table>
</body>
</html>
`;
}
