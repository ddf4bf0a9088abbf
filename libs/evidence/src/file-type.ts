// The type of an evidence file, decided from its bytes (magic numbers), never from its name or the request's
// Content-Type, against an allow-list fit for evidence. Streaming: the inspector sees every chunk once, keeps at
// most a few KiB (1 MiB of tail for ZIP archives) and gives its verdict when the last byte has passed.
import { isUtf8 } from 'node:buffer';
import { EmptyContentError, UnsupportedContentError } from './errors';
import { officeDocumentType, readZipDirectory } from './zip-directory';

export interface ContentInspector {
  /** Sees the next chunk; throws `UnsupportedContentError` as soon as the bytes rule the file out. */
  update(chunk: Buffer): void;
  /** After the last chunk: the content type, or throws `UnsupportedContentError` / `EmptyContentError`. */
  finish(): string;
}

export const TEXT_PLAIN = 'text/plain; charset=utf-8';
/** Human-readable allow-list, for error messages. */
export const ALLOWED_TYPES_LABEL =
  'PDF, PNG, JPEG, GIF, WebP, TIFF, DOCX/XLSX/PPTX, DOC/XLS/PPT, MP3, WAV, MP4/MOV, OGG, WebM, UTF-8 text';

const HEAD_BYTES = 4096;
const DEFAULT_ZIP_TAIL_BYTES = 1024 * 1024;

interface Tracker {
  update(chunk: Buffer): void;
  finish(totalBytes: number): string;
}

const fixed = (contentType: string): Tracker => ({ update: () => undefined, finish: () => contentType });

const startsWith = (b: Buffer, sig: number[] | string, at = 0) => {
  const bytes = typeof sig === 'string' ? Buffer.from(sig, 'latin1') : Buffer.from(sig);
  return b.length >= at + bytes.length && b.subarray(at, at + bytes.length).equals(bytes);
};

const MP4_BRANDS: Record<string, string> = {
  isom: 'video/mp4',
  iso2: 'video/mp4',
  iso4: 'video/mp4',
  iso5: 'video/mp4',
  iso6: 'video/mp4',
  mp41: 'video/mp4',
  mp42: 'video/mp4',
  avc1: 'video/mp4',
  dash: 'video/mp4',
  mmp4: 'video/mp4',
  MSNV: 'video/mp4',
  'f4v ': 'video/mp4',
  'M4V ': 'video/mp4',
  'M4A ': 'audio/mp4',
  'qt  ': 'video/quicktime',
  '3gp4': 'video/3gpp',
  '3gp5': 'video/3gpp',
  '3gp6': 'video/3gpp',
  '3ge6': 'video/3gpp',
  '3gg6': 'video/3gpp',
  '3g2a': 'video/3gpp2',
};

function isMpegAudioFrame(b: Buffer): boolean {
  if (b.length < 4 || b[0] !== 0xff || (b[1] & 0xe0) !== 0xe0) return false;
  const version = (b[1] >> 3) & 3;
  const layer = (b[1] >> 1) & 3;
  const bitrate = b[2] >> 4;
  const sampleRate = (b[2] >> 2) & 3;
  return version !== 1 && layer !== 0 && bitrate !== 15 && sampleRate !== 3;
}

/** Where a trailing, not yet complete UTF-8 sequence starts (the buffer's length when there is none). */
function completeUtf8Length(b: Buffer): number {
  for (let i = b.length - 1; i >= 0 && i >= b.length - 4; i--) {
    const c = b[i];
    if ((c & 0xc0) === 0x80) continue;
    const need = c < 0x80 ? 1 : (c & 0xe0) === 0xc0 ? 2 : (c & 0xf0) === 0xe0 ? 3 : (c & 0xf8) === 0xf0 ? 4 : 1;
    return i + need > b.length ? i : b.length;
  }
  return b.length;
}

/** Plain text: valid UTF-8 from the first byte to the last, no NUL bytes. */
function textTracker(): Tracker {
  let carry: Buffer = Buffer.alloc(0);
  return {
    update(chunk) {
      if (chunk.includes(0)) throw new UnsupportedContentError('binary data (NUL bytes)');
      const data = carry.length ? Buffer.concat([carry, chunk]) : chunk;
      const complete = completeUtf8Length(data);
      if (!isUtf8(data.subarray(0, complete))) throw new UnsupportedContentError('binary data (not UTF-8 text)');
      carry = Buffer.from(data.subarray(complete));
    },
    finish() {
      if (carry.length) throw new UnsupportedContentError('binary data (not UTF-8 text)');
      return TEXT_PLAIN;
    },
  };
}

/** ZIP: only Office Open XML documents, recognised by their central directory (kept from the last bytes). */
function zipTracker(tailBytes: number): Tracker {
  const chunks: Buffer[] = [];
  let kept = 0;
  return {
    update(chunk) {
      chunks.push(chunk);
      kept += chunk.length;
      while (chunks.length > 1 && kept - chunks[0].length >= tailBytes) kept -= chunks.shift()!.length;
    },
    finish(totalBytes) {
      const dir = readZipDirectory(Buffer.concat(chunks), totalBytes);
      if (!dir.ok) throw new UnsupportedContentError(`ZIP archive (${dir.reason})`);
      const office = officeDocumentType(dir.names);
      if ('reason' in office) throw new UnsupportedContentError(office.reason);
      return office.contentType;
    },
  };
}

// OLE2 compound files hold legacy Office documents but also installers (MSI), mail (MSG) and encrypted packages:
// the directory entry names (UTF-16LE, NUL-terminated) tell which.
const ole = (name: string) => Buffer.from(name + '\0', 'utf16le');
const OLE_STREAMS: [Buffer, string][] = [
  [ole('WordDocument'), 'application/msword'],
  [ole('Workbook'), 'application/vnd.ms-excel'],
  [ole('Book'), 'application/vnd.ms-excel'],
  [ole('PowerPoint Document'), 'application/vnd.ms-powerpoint'],
];
const OLE_MACROS = [ole('_VBA_PROJECT'), ole('_VBA_PROJECT_CUR'), ole('Macros')];
const OLE_OVERLAP = Math.max(...[...OLE_STREAMS.map(([p]) => p), ...OLE_MACROS].map((p) => p.length)) - 1;

function oleTracker(): Tracker {
  const found = new Set<string>();
  let macros = false;
  let carry: Buffer = Buffer.alloc(0);
  const scan = (b: Buffer) => {
    for (const [pattern, type] of OLE_STREAMS) if (!found.has(type) && b.includes(pattern)) found.add(type);
    if (!macros && OLE_MACROS.some((p) => b.includes(p))) macros = true;
  };
  return {
    update(chunk) {
      if (carry.length) scan(Buffer.concat([carry, chunk.subarray(0, OLE_OVERLAP)]));
      scan(chunk);
      carry = Buffer.from(chunk.subarray(Math.max(0, chunk.length - OLE_OVERLAP)));
    },
    finish() {
      if (macros) throw new UnsupportedContentError('macro-enabled office document');
      for (const [, type] of OLE_STREAMS) if (found.has(type)) return type;
      throw new UnsupportedContentError('OLE2 compound file (not a Word, Excel or PowerPoint document)');
    },
  };
}

/**
 * The tracker for a file that starts with `head`; `complete` when the whole file is in `head`. Throws
 * `UnsupportedContentError` for anything outside the allow-list.
 */
function classify(head: Buffer, complete: boolean, zipTailBytes: number): Tracker {
  const b = head;
  if (startsWith(b, '%PDF-')) return fixed('application/pdf');
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return fixed('image/png');
  if (startsWith(b, [0xff, 0xd8, 0xff])) return fixed('image/jpeg');
  if (startsWith(b, 'GIF87a') || startsWith(b, 'GIF89a')) return fixed('image/gif');
  if (startsWith(b, 'II*\0') || startsWith(b, 'MM\0*')) return fixed('image/tiff');
  if (startsWith(b, 'RIFF')) {
    if (startsWith(b, 'WEBP', 8)) return fixed('image/webp');
    if (startsWith(b, 'WAVE', 8)) return fixed('audio/wav');
    throw new UnsupportedContentError(`RIFF container (${b.toString('latin1', 8, 12).replace(/[^\x20-\x7e]/g, '?')})`);
  }
  if (startsWith(b, 'PK\x03\x04')) return zipTracker(zipTailBytes);
  if (startsWith(b, 'PK\x05\x06') || startsWith(b, 'PK\x07\x08')) throw new UnsupportedContentError('ZIP archive (empty or spanned)');
  if (startsWith(b, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return oleTracker();
  if (startsWith(b, 'ftyp', 4) && b.length >= 12) {
    const major = b.toString('latin1', 8, 12);
    if (MP4_BRANDS[major]) return fixed(MP4_BRANDS[major]);
    throw new UnsupportedContentError(`ISO media file (brand "${major.replace(/[^\x20-\x7e]/g, '?')}")`);
  }
  if (startsWith(b, 'OggS')) return fixed(b.includes(Buffer.from('\x80theora', 'latin1')) ? 'video/ogg' : 'audio/ogg');
  if (startsWith(b, [0x1a, 0x45, 0xdf, 0xa3])) {
    const docType = b.indexOf(Buffer.from([0x42, 0x82]));
    if (docType >= 0 && docType < 64 && b.subarray(docType, docType + 8).includes(Buffer.from('webm'))) return fixed('video/webm');
    throw new UnsupportedContentError('Matroska container (not WebM)');
  }
  if ((startsWith(b, 'ID3') && b.length >= 4 && b[3] >= 2 && b[3] <= 4) || isMpegAudioFrame(b)) return fixed('audio/mpeg');
  if (startsWith(b, 'MZ')) throw new UnsupportedContentError('Windows executable (MZ)');
  if (startsWith(b, '\x7fELF')) throw new UnsupportedContentError('ELF executable');
  if (startsWith(b, [0xfe, 0xed, 0xfa]) || startsWith(b, [0xcf, 0xfa, 0xed, 0xfe]) || startsWith(b, [0xca, 0xfe, 0xba, 0xbe])) {
    throw new UnsupportedContentError('Mach-O executable or Java class');
  }
  if (!b.includes(0)) {
    const end = complete ? b.length : completeUtf8Length(b);
    if (isUtf8(b.subarray(0, end))) return textTracker();
  }
  throw new UnsupportedContentError('unknown binary format');
}

/** A fresh inspector for one file. */
export function createContentInspector(opts: { zipTailBytes?: number } = {}): ContentInspector {
  const zipTailBytes = opts.zipTailBytes ?? DEFAULT_ZIP_TAIL_BYTES;
  let head: Buffer[] = [];
  let headLength = 0;
  let tracker: Tracker | null = null;
  let total = 0;

  const decide = (complete: boolean) => {
    const all = Buffer.concat(head, headLength);
    head = [];
    tracker = classify(all, complete, zipTailBytes);
    tracker.update(all);
  };

  return {
    update(chunk) {
      if (!chunk.length) return;
      total += chunk.length;
      if (tracker) return tracker.update(chunk);
      head.push(Buffer.from(chunk)); // a copy: the head is kept until the type is decided
      headLength += chunk.length;
      if (headLength >= HEAD_BYTES) decide(false);
    },
    finish() {
      if (total === 0) throw new EmptyContentError();
      if (!tracker) decide(true);
      return tracker!.finish(total);
    },
  };
}

/** The type of a complete file held in memory (tests, small uploads). */
export function detectContentType(bytes: Buffer): string {
  const inspector = createContentInspector();
  inspector.update(bytes);
  return inspector.finish();
}
