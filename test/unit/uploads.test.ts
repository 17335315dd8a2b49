import { describe, expect, it } from 'vitest';
import { baseMimeType, formatBytes, MAX_FILE_NAME_CHARS, sanitiseFileName, typeFromExtension } from '../../shared/uploads';
import { contentMatchesType } from '../../server/uploads/content-matches-type';

describe('sanitiseFileName', () => {
  it('keeps the last path segment only, whatever the separator', () => {
    expect(sanitiseFileName('../../etc/passwd', 'text/plain')).toBe('passwd.txt');
    expect(sanitiseFileName('C:\\Users\\me\\截图.png', 'image/png')).toBe('截图.png');
    expect(sanitiseFileName('/', 'image/png')).toBe('file.png');
  });

  it('drops control, bidi and zero-width characters and leading or trailing dots and spaces', () => {
    expect(sanitiseFileName('invoice\u202Efdp.exe', 'application/pdf')).toBe('invoicefdp.exe.pdf');
    expect(sanitiseFileName('\u2066a\u2069\u200bb\ufeff.txt', 'text/plain')).toBe('ab.txt');
    expect(sanitiseFileName('  ..hidden.txt. ', 'text/plain')).toBe('hidden.txt');
    expect(sanitiseFileName('a\tb\nc.pdf', 'application/pdf')).toBe('abc.pdf');
  });

  it('keeps Chinese and other scripts, normalised to NFC', () => {
    expect(sanitiseFileName('退款 凭证（张伟）.jpeg', 'image/jpeg')).toBe('退款 凭证（张伟）.jpeg');
    expect(sanitiseFileName('cafe\u0301.png', 'image/png')).toBe('caf\u00e9.png');
  });

  it('ends in an extension of the checked type, lower-cased', () => {
    expect(sanitiseFileName('photo.JPG', 'image/jpeg')).toBe('photo.jpg');
    expect(sanitiseFileName('page.html', 'image/png')).toBe('page.html.png');
    expect(sanitiseFileName('statement', 'application/pdf')).toBe('statement.pdf');
  });

  it('caps the length in characters, not bytes, keeping the extension', () => {
    const name = sanitiseFileName(`${'𠮷'.repeat(500)}.webp`, 'image/webp');
    expect(Array.from(name)).toHaveLength(MAX_FILE_NAME_CHARS);
    expect(name.endsWith('𠮷.webp')).toBe(true);
  });
});

describe('contentMatchesType', () => {
  const bytes = (s: string) => new TextEncoder().encode(s);
  it('recognises each accepted type by its leading bytes', () => {
    expect(contentMatchesType(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]), 'image/png')).toBe(true);
    expect(contentMatchesType(new Uint8Array([0xff, 0xd8, 0xff, 0xdb]), 'image/jpeg')).toBe(true);
    expect(contentMatchesType(bytes('GIF87a....'), 'image/gif')).toBe(true);
    expect(contentMatchesType(bytes('RIFF\u0000\u0000\u0000\u0000WEBPVP8L'), 'image/webp')).toBe(true);
    expect(contentMatchesType(bytes('%PDF-1.7'), 'application/pdf')).toBe(true);
    expect(contentMatchesType(bytes('会员说：没用过'), 'text/plain')).toBe(true);
  });

  it('refuses a disguised or truncated file', () => {
    expect(contentMatchesType(bytes('<svg onload=alert(1)>'), 'image/png')).toBe(false);
    expect(contentMatchesType(new Uint8Array([0x89, 0x50]), 'image/png')).toBe(false);
    expect(contentMatchesType(bytes('RIFF....WAVE'), 'image/webp')).toBe(false);
    expect(contentMatchesType(new Uint8Array([0x61, 0, 0x62]), 'text/plain')).toBe(false);
    expect(contentMatchesType(new Uint8Array([0xff, 0xfe, 0x41]), 'text/plain')).toBe(false);
  });
});

describe('helpers', () => {
  it('reads the base type of a Content-Type header and the type of an extension', () => {
    expect(baseMimeType(' Text/Plain; charset=UTF-8')).toBe('text/plain');
    expect(baseMimeType(undefined)).toBe('');
    expect(typeFromExtension('a.JPEG')).toBe('image/jpeg');
    expect(typeFromExtension('a.svg')).toBeNull();
  });

  it('formats sizes as people read them', () => {
    expect(formatBytes(12)).toBe('12 B');
    expect(formatBytes(340 * 1024)).toBe('340 KB');
    expect(formatBytes(5 * 1024 * 1024)).toBe('5 MB');
  });
});
