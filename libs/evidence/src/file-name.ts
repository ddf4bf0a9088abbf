// File names come from the uploader and are shown to other people: they are cleaned before they are stored, and
// they are only ever used for display and for the download's Content-Disposition, never as a storage key or path.

export const MAX_FILE_NAME_LENGTH = 200;
const MAX_EXTENSION_LENGTH = 16;
const FALLBACK_NAME = 'evidence';

// C0 and C1 controls and DEL; bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) and marks
// (U+200E, U+200F, U+061C); zero-width characters and the BOM; line and paragraph separators.
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]/gu;
// Characters that are path syntax or forbidden in Windows file names.
const RESERVED = /[<>:"|?*]/g;

/**
 * The uploader's file name made safe to store and show: NFC; control, bidi and zero-width characters removed; only
 * the last path segment kept (browsers may send `C:\Users\…\a.pdf`) and `..` removed; reserved characters replaced;
 * at most 200 characters, keeping the extension; `evidence` when nothing is left.
 */
export function cleanFileName(raw: string | null | undefined): string {
  let name = (raw ?? '').normalize('NFC').replace(INVISIBLE, '');
  const segments = name.split(/[/\\]+/).filter((s) => s.trim() !== '');
  name = segments.length ? segments[segments.length - 1] : '';
  name = name
    .replace(/\.{2,}/g, '.')
    .replace(RESERVED, '_')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[.\s]+/, '')
    .replace(/[.\s]+$/, '');
  if (!name) return FALLBACK_NAME;
  return truncateKeepingExtension(name.normalize('NFC'), MAX_FILE_NAME_LENGTH);
}

function truncateKeepingExtension(name: string, max: number): string {
  const chars = Array.from(name); // code points, so a surrogate pair is never cut in half
  if (chars.length <= max) return name;
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 ? Array.from(name.slice(dot)) : [];
  if (ext.length > 1 && ext.length <= MAX_EXTENSION_LENGTH) {
    const base = Array.from(name.slice(0, dot));
    return base.slice(0, max - ext.length).join('').trimEnd() + ext.join('');
  }
  return chars.slice(0, max).join('').trimEnd();
}

// RFC 5987 attr-char: ALPHA / DIGIT / "!" / "#" / "$" / "&" / "+" / "-" / "." / "^" / "_" / "`" / "|" / "~"
const ATTR_CHAR = /[A-Za-z0-9!#$&+\-.^_`|~]/;

function percentEncodeUtf8(s: string): string {
  let out = '';
  for (const ch of s) {
    if (ATTR_CHAR.test(ch)) out += ch;
    else for (const b of Buffer.from(ch, 'utf8')) out += '%' + b.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

/** An ASCII stand-in for old clients: accents dropped, other non-ASCII runs and quote characters become `_`. */
export function asciiFallback(name: string): string {
  const ascii = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]+/g, '_')
    .replace(/["\\%;]/g, '_');
  return ascii.trim() || FALLBACK_NAME;
}

/** `attachment; filename="<ascii>"; filename*=UTF-8''<percent-encoded>` (RFC 6266 with RFC 5987 encoding). */
export function contentDisposition(name: string): string {
  return `attachment; filename="${asciiFallback(name)}"; filename*=UTF-8''${percentEncodeUtf8(name)}`;
}
