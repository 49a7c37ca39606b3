import { ATTACHMENT_LIMITS, checkUpload, cleanFileName, decodeContent, sniffType } from './attachment.rules';

const PDF = Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj<<>>endobj\n%%EOF\n', 'latin1');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]);

describe('attachment rules', () => {
  it('tells PDF, JPEG and PNG by their first bytes, and nothing else', () => {
    expect(sniffType(PDF)).toBe('application/pdf');
    expect(sniffType(PNG)).toBe('image/png');
    expect(sniffType(JPEG)).toBe('image/jpeg');
    expect(sniffType(Buffer.from('<html><script>alert(1)</script>'))).toBeUndefined();
    expect(sniffType(Buffer.from('GIF89a'))).toBeUndefined();
  });

  it('refuses a page declared as a PDF, and a PNG declared as a PDF', () => {
    expect(() => checkUpload('x.pdf', Buffer.from('<html></html>'), 'application/pdf')).toThrow(/only PDF, JPEG and PNG/);
    expect(() => checkUpload('x.pdf', PNG, 'application/pdf')).toThrow(/declared application\/pdf but its content is image\/png/);
    expect(checkUpload('C:\\scans\\收据.png', PNG, 'image/png')).toMatchObject({ fileName: '收据.png', contentType: 'image/png', size: PNG.length });
  });

  it('refuses more than the size limit, before decoding base64', () => {
    const big = Buffer.alloc(ATTACHMENT_LIMITS.maxBytes + 1);
    PDF.copy(big);
    expect(() => checkUpload('big.pdf', big)).toThrow(/larger than 5 MB/);
    expect(() => decodeContent(big.toString('base64'))).toThrow(/larger than 5 MB/);
    expect(() => decodeContent('not base64!')).toThrow(/not base64/);
    expect(decodeContent(PDF.toString('base64'))).toEqual(PDF);
  });

  it('keeps a file name without path or control characters', () => {
    expect(cleanFileName('../../etc/passwd\u0000')).toBe('passwd');
    expect(() => cleanFileName(' / ')).toThrow(/fileName/);
  });
});
