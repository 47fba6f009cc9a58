import { contentDisposition, sanitiseFilename } from './attachments.filename';
import { kindClaimedBy } from './attachments.kinds';

describe('sanitiseFilename', () => {
  it('drops directories, control and bidi-override characters and leading dots', () => {
    expect(sanitiseFilename('C:\\Users\\sam\\..\\plan.pdf', 'pdf')).toBe('plan.pdf');
    expect(sanitiseFilename('../../.hidden.txt', 'text')).toBe('hidden.txt');
    expect(sanitiseFilename('a\u0000b\r\nc.png', 'png')).toBe('abc.png');
    expect(sanitiseFilename('invoice\u202Efdp.exe', 'pdf')).toBe('invoicefdp.exe.pdf');
  });

  it('names a nameless file after its kind and adds the kind’s extension to a name that lacks it', () => {
    expect(sanitiseFilename(undefined, 'png')).toBe('file.png');
    expect(sanitiseFilename('   ', 'docx')).toBe('file.docx');
    expect(sanitiseFilename('README', 'text')).toBe('README.txt');
    expect(sanitiseFilename('Photo.JPEG', 'jpeg')).toBe('Photo.JPEG');
  });

  it('keeps at most 200 characters and the extension', () => {
    const long = sanitiseFilename(`${'é'.repeat(300)}.pptx`, 'pptx');
    expect([...long]).toHaveLength(200);
    expect(long.endsWith('.pptx')).toBe(true);
  });
});

describe('contentDisposition', () => {
  it('gives an ASCII fallback and the exact UTF-8 name as RFC 5987 filename*', () => {
    expect(contentDisposition('attachment', 'Évaluation "finale" (v2).docx')).toBe(
      `attachment; filename="_valuation _finale_ (v2).docx"; filename*=UTF-8''%C3%89valuation%20%22finale%22%20%28v2%29.docx`,
    );
    expect(contentDisposition('inline', 'a;b\\c%.pdf')).toBe(`inline; filename="a;b_c_.pdf"; filename*=UTF-8''a%3Bb%5Cc%25.pdf`);
  });
});

describe('kindClaimedBy', () => {
  it('reads the kind a name claims, case-insensitively; unknown or missing extensions claim nothing', () => {
    expect(kindClaimedBy('x.PDF')).toBe('pdf');
    expect(kindClaimedBy('x.jpeg')).toBe('jpeg');
    expect(kindClaimedBy('x.exe')).toBeNull();
    expect(kindClaimedBy('README')).toBeNull();
  });
});
