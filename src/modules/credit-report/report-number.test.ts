import { newReportNumber, REPORT_NUMBER_PATTERN } from './report-number';

describe('report numbers', () => {
  it('carry the China date of generation and 50 bits of the source as base32', () => {
    // 23:30 UTC on 28 November is already 29 November in China.
    const n = newReportNumber(new Date('2026-11-28T23:30:00Z'), Buffer.from([0, 0, 0, 0, 0, 0, 0]));
    expect(n).toBe('XYBG-20261129-AAAAAAAAAA');
    expect(newReportNumber(new Date('2026-11-29T00:00:00Z'), Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]))).toBe('XYBG-20261129-7777777777');
    // 0x08 = 00001 000…: the first character is B, the rest A.
    expect(newReportNumber(new Date('2026-11-29T00:00:00Z'), Buffer.from([0x08, 0, 0, 0, 0, 0, 0]))).toBe('XYBG-20261129-BAAAAAAAAA');
  });

  it('differ from one report to the next', () => {
    const at = new Date();
    const numbers = new Set(Array.from({ length: 1000 }, () => newReportNumber(at)));
    expect(numbers.size).toBe(1000);
    for (const n of numbers) expect(n).toMatch(REPORT_NUMBER_PATTERN);
  });

  it('refuse a source with fewer than 50 bits', () => {
    expect(() => newReportNumber(new Date(), Buffer.alloc(6))).toThrow(RangeError);
  });
});
