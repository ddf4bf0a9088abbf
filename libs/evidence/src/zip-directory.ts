// Reads the central directory of a ZIP archive from its last bytes, without extracting anything: enough to tell an
// Office Open XML document (docx, xlsx, pptx) from any other archive. Strict on purpose: anything unusual (ZIP64,
// several disks, data after the directory, encryption) is refused rather than guessed at.

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const EOCD_SIZE = 22;
const MAX_COMMENT = 0xffff;

export type ZipDirectory = { ok: true; names: string[] } | { ok: false; reason: string };

/**
 * The entry names of the archive whose last `tail.length` bytes are `tail` and whose length is `totalLength`.
 * The whole central directory must lie within the tail (the caller keeps enough of it).
 */
export function readZipDirectory(tail: Buffer, totalLength: number): ZipDirectory {
  const tailStart = totalLength - tail.length;
  let eocd = -1;
  for (let p = tail.length - EOCD_SIZE; p >= 0 && p >= tail.length - EOCD_SIZE - MAX_COMMENT; p--) {
    if (tail.readUInt32LE(p) === EOCD_SIGNATURE && tail.readUInt16LE(p + 20) === tail.length - p - EOCD_SIZE) {
      eocd = p;
      break;
    }
  }
  if (eocd < 0) return { ok: false, reason: 'no end of central directory' };
  const disk = tail.readUInt16LE(eocd + 4);
  const cdDisk = tail.readUInt16LE(eocd + 6);
  const entriesHere = tail.readUInt16LE(eocd + 8);
  const entries = tail.readUInt16LE(eocd + 10);
  const cdSize = tail.readUInt32LE(eocd + 12);
  const cdOffset = tail.readUInt32LE(eocd + 16);
  if (entries === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) return { ok: false, reason: 'ZIP64 archive' };
  if (disk !== 0 || cdDisk !== 0 || entriesHere !== entries) return { ok: false, reason: 'multi-disk archive' };
  if (cdOffset + cdSize !== tailStart + eocd) return { ok: false, reason: 'inconsistent central directory' };
  if (cdOffset < tailStart) return { ok: false, reason: 'central directory too large to inspect' };

  const names: string[] = [];
  let p = cdOffset - tailStart;
  const end = p + cdSize;
  let startsAtZero = false;
  for (let i = 0; i < entries; i++) {
    if (p + 46 > end || tail.readUInt32LE(p) !== CENTRAL_SIGNATURE) return { ok: false, reason: 'malformed central directory' };
    const flags = tail.readUInt16LE(p + 8);
    const nameLength = tail.readUInt16LE(p + 28);
    const extraLength = tail.readUInt16LE(p + 30);
    const commentLength = tail.readUInt16LE(p + 32);
    const localOffset = tail.readUInt32LE(p + 42);
    if (p + 46 + nameLength + extraLength + commentLength > end) return { ok: false, reason: 'malformed central directory' };
    if (flags & 0x1) return { ok: false, reason: 'encrypted archive' };
    if (localOffset === 0) startsAtZero = true;
    names.push(tail.toString(flags & 0x800 ? 'utf8' : 'latin1', p + 46, p + 46 + nameLength));
    p += 46 + nameLength + extraLength + commentLength;
  }
  if (p !== end) return { ok: false, reason: 'malformed central directory' };
  if (!startsAtZero) return { ok: false, reason: 'data before the first entry' };
  return { ok: true, names };
}

export const OOXML_TYPES = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
} as const;

/** The OOXML content type of an archive with these entries, or why it is not an acceptable office document. */
export function officeDocumentType(names: string[]): { contentType: string } | { reason: string } {
  if (!names.includes('[Content_Types].xml')) return { reason: 'ZIP archive (not an office document)' };
  if (names.some((n) => /(^|\/)vbaProject\.bin$/i.test(n))) return { reason: 'macro-enabled office document' };
  if (names.some((n) => n.startsWith('word/'))) return { contentType: OOXML_TYPES.docx };
  if (names.some((n) => n.startsWith('xl/'))) return { contentType: OOXML_TYPES.xlsx };
  if (names.some((n) => n.startsWith('ppt/'))) return { contentType: OOXML_TYPES.pptx };
  return { reason: 'ZIP archive (not an office document)' };
}
