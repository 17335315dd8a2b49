import { describe, expect, it } from 'vitest';
import { csvField, csvLine } from '../../server/http/csv';

describe('CSV', () => {
  it('quotes delimiters, quotes and line breaks', () => {
    expect(csvLine(['a,b', 'say "hi"', 'x\ny', 12, null])).toBe('"a,b","say ""hi""","x\ny",12,\r\n');
  });
  it('neutralises spreadsheet formulas but keeps negative numbers', () => {
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('@cmd')).toBe("'@cmd");
    expect(csvField('-12.5')).toBe('-12.5');
    expect(csvField('会员来电')).toBe('会员来电');
  });
});
