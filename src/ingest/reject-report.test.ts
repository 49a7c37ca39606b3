import { defaultReportPath, reportLine } from './reject-report';
import { progressText } from './progress';

describe('the reject report', () => {
  it('quotes cells with commas and quotes, as CSV', () => {
    expect(reportLine({ row: 7, status: 'REJECTED', field: '罚款金额（万元）', code: 'BAD_USER_INPUT', reason: '金额不能为负数', detail: 'fineAmount: "-1", negative' }))
      .toBe('7,罚款金额（万元）,BAD_USER_INPUT,金额不能为负数,"fineAmount: ""-1"", negative"');
  });

  it('lies beside the input by default', () => {
    expect(defaultReportPath('/data/penalties.csv')).toBe('/data/penalties.rejected.csv');
    expect(defaultReportPath('/data/penalties')).toBe('/data/penalties.rejected.csv');
  });
});

describe('progress', () => {
  it('shows rows, rate, share of the file and the time left', () => {
    expect(progressText({ rows: 10_000, bytes: 250, totalBytes: 1000 }, 5)).toBe('10,000 rows  2,000 rows/s  25.0%  ETA 15s');
    expect(progressText({ rows: 0, bytes: 0, totalBytes: 1000 }, 0)).toBe('0 rows  0 rows/s  0.0%  ETA ?');
  });
});
