import { asciiFallback, cleanFileName, contentDisposition } from './file-name';

describe('cleanFileName', () => {
  it.each([
    ['证据.pdf', '证据.pdf'],
    ['../../etc/passwd', 'passwd'],
    ['..\\..\\windows\\system32\\x.pdf', 'x.pdf'],
    ['C:\\Users\\wang\\Desktop\\购买记录.jpg', '购买记录.jpg'],
    ['..', 'evidence'],
    ['', 'evidence'],
    [null, 'evidence'],
    ['   ', 'evidence'],
    ['/', 'evidence'],
    ['a\u0000b\u0007c\r\n.pdf', 'abc.pdf'],
    ['invoice\u202Efdp.exe', 'invoicefdp.exe'],
    ['\u2066evil\u2069\u200F.pdf', 'evil.pdf'],
    ['report..pdf', 'report.pdf'],
    ['a<b>:c"d|e?f*.txt', 'a_b__c_d_e_f_.txt'],
    ['.hidden', 'hidden'],
    ['name. ', 'name'],
    ['e\u0301.txt', '\u00e9.txt'], // NFC
  ])('%j → %j', (raw, clean) => {
    expect(cleanFileName(raw)).toBe(clean);
  });

  it('keeps the extension when it trims a long name to 200 characters', () => {
    const name = cleanFileName('长'.repeat(500) + '.pdf');
    expect(Array.from(name)).toHaveLength(200);
    expect(name.endsWith('长.pdf')).toBe(true);
  });

  it('never cuts a surrogate pair', () => {
    const name = cleanFileName('😀'.repeat(300));
    expect(Array.from(name)).toHaveLength(200);
    expect(name).toBe('😀'.repeat(200));
  });
});

describe('contentDisposition (RFC 6266 / RFC 5987)', () => {
  it('gives an ASCII fallback and the UTF-8 name percent-encoded', () => {
    expect(contentDisposition('证据 1.pdf')).toBe(`attachment; filename="_ 1.pdf"; filename*=UTF-8''%E8%AF%81%E6%8D%AE%201.pdf`);
  });

  it('escapes quotes and characters outside attr-char', () => {
    const h = contentDisposition(`it's "x"(1)*;.pdf`);
    expect(h).toBe(`attachment; filename="it's _x_(1)*_.pdf"; filename*=UTF-8''it%27s%20%22x%22%281%29%2A%3B.pdf`);
    expect(decodeURIComponent(h.split("UTF-8''")[1])).toBe(`it's "x"(1)*;.pdf`);
  });

  it('drops accents in the fallback', () => {
    expect(asciiFallback('Café.pdf')).toBe('Cafe.pdf');
  });
});
