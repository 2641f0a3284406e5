import { describe, expect, it } from 'vitest';
import { csvRecord } from './csv';

describe('csvRecord', () => {
  it('quotes fields with commas, quotes and line breaks, and ends the record with CRLF', () => {
    expect(csvRecord(['plain', 'a,b', 'say "hi"', 'two\nlines', 42, null, undefined])).toBe(
      'plain,"a,b","say ""hi""","two\nlines",42,,\r\n',
    );
  });

  it('defuses text a spreadsheet would run as a formula, but leaves numbers alone', () => {
    expect(csvRecord(['=HYPERLINK("http://x")', '+1', '-2', '@SUM(A1)', '\tx', -5])).toBe(
      `"'=HYPERLINK(""http://x"")",'+1,'-2,'@SUM(A1),'\tx,-5\r\n`,
    );
  });
});
