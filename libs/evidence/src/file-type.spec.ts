import { detectContentType, createContentInspector, TEXT_PLAIN } from './file-type';
import { EmptyContentError, UnsupportedContentError } from './errors';
import * as s from './testing/samples';
import { readZipDirectory } from './zip-directory';

const rejects = (b: Buffer) => expect(() => detectContentType(b)).toThrow(UnsupportedContentError);

describe('content type from the bytes', () => {
  it.each([
    ['PDF', s.pdf(), 'application/pdf'],
    ['PNG', s.png(), 'image/png'],
    ['JPEG', s.jpeg(), 'image/jpeg'],
    ['GIF', Buffer.from('GIF89a\x01\0\x01\0\0\0\0;', 'latin1'), 'image/gif'],
    ['WebP', s.webp(), 'image/webp'],
    ['TIFF', Buffer.from('II*\0\x08\0\0\0', 'latin1'), 'image/tiff'],
    ['DOCX', s.docx(), 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ['XLSX', s.xlsx(), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ['PPTX', s.pptx(), 'application/vnd.openxmlformats-officedocument.presentationml.presentation'],
    ['DOC', s.ole2('WordDocument'), 'application/msword'],
    ['XLS', s.ole2('Workbook'), 'application/vnd.ms-excel'],
    ['MP3', s.mp3(), 'audio/mpeg'],
    ['WAV', s.wav(), 'audio/wav'],
    ['MP4', s.mp4('isom'), 'video/mp4'],
    ['MOV', s.mp4('qt  '), 'video/quicktime'],
    ['OGG', s.ogg(), 'audio/ogg'],
    ['WebM', s.webm(), 'video/webm'],
    ['UTF-8 text', Buffer.from('投诉说明：被投诉方销售侵权产品。\r\n'), TEXT_PLAIN],
  ])('%s', (_name, bytes, type) => {
    expect(detectContentType(bytes)).toBe(type);
  });

  it('refuses executables, whatever they are called', () => {
    rejects(s.exe());
    rejects(Buffer.from('\x7fELF\x02\x01\x01\0', 'latin1'));
  });

  it('refuses ZIP archives that are not office documents', () => {
    rejects(s.zip({ 'a.txt': 'x', 'b/c.exe': 'MZ' }));
    rejects(s.zip({ '[Content_Types].xml': '<Types/>', 'other/x.xml': '' }));
    rejects(s.zip({ '[Content_Types].xml': '<Types/>', 'word/document.xml': '', 'word/vbaProject.bin': 'x' })); // macros
  });

  it('refuses a ZIP with data after its directory or cut short', () => {
    rejects(Buffer.concat([s.docx(), Buffer.from('trailing')]));
    rejects(s.docx().subarray(0, 200));
  });

  it('refuses OLE2 files that are not Word, Excel or PowerPoint (installers, encrypted packages)', () => {
    rejects(s.ole2('EncryptedPackage'));
    rejects(Buffer.concat([s.ole2('WordDocument'), Buffer.from('Macros\0', 'utf16le')]));
  });

  it('refuses binary data that is not UTF-8 text, and text with NUL bytes', () => {
    rejects(Buffer.from([0xc3, 0x28, 0x41]));
    rejects(Buffer.from('abc\0def'));
    rejects(Buffer.from([0x80, 0x81, 0x82]));
  });

  it('refuses unlisted containers (AVI, Matroska, HEIC)', () => {
    rejects(Buffer.from('RIFF\0\0\0\0AVI LIST', 'latin1'));
    rejects(Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x82, 0x88, ...Buffer.from('matroska')]));
    rejects(s.mp4('heic'));
  });

  it('an empty file is an error of its own', () => {
    expect(() => detectContentType(Buffer.alloc(0))).toThrow(EmptyContentError);
  });

  it('text is checked to the last byte, across chunk boundaries', () => {
    const text = Buffer.from('证据'.repeat(5000));
    const ok = createContentInspector();
    // split inside multi-byte characters
    for (let i = 0; i < text.length; i += 4099) ok.update(text.subarray(i, i + 4099));
    expect(ok.finish()).toBe(TEXT_PLAIN);

    const bad = createContentInspector();
    bad.update(Buffer.from('a'.repeat(10_000)));
    expect(() => bad.update(Buffer.from([0xff, 0xfe]))).toThrow(UnsupportedContentError);

    const cut = createContentInspector();
    cut.update(Buffer.concat([Buffer.from('a'.repeat(5000)), Buffer.from('证').subarray(0, 2)]));
    expect(() => cut.finish()).toThrow(UnsupportedContentError);
  });

  it('a docx larger than the kept tail is recognised from its directory', () => {
    const big = s.docx(3 * 1024 * 1024);
    const inspector = createContentInspector();
    for (let i = 0; i < big.length; i += 65536) inspector.update(big.subarray(i, i + 65536));
    expect(inspector.finish()).toMatch(/wordprocessingml/);
  });

  it('a ZIP directory larger than the kept tail is refused, not guessed', () => {
    const entries: Record<string, string> = { '[Content_Types].xml': '<Types/>', 'word/document.xml': '' };
    for (let i = 0; i < 400; i++) entries[`word/media/${'x'.repeat(100)}-${i}.png`] = '';
    const inspector = createContentInspector({ zipTailBytes: 4096 });
    const z = s.zip(entries);
    for (let i = 0; i < z.length; i += 1024) inspector.update(z.subarray(i, i + 1024));
    expect(() => inspector.finish()).toThrow(/too large to inspect/);
  });

  it('reads ZIP comments and entry names', () => {
    const z = s.zip({ 'a.txt': 'hello', '[Content_Types].xml': '' }, { comment: 'made by test' });
    expect(readZipDirectory(z, z.length)).toEqual({ ok: true, names: ['a.txt', '[Content_Types].xml'] });
  });
});
