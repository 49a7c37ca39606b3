import { getTableColumns } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { consents, creditRecords } from '../db/schema';
import { arrayLiteral, copyLine, escapeCopy } from './copy-text';

const columns = (table: Parameters<typeof getTableColumns>[0]) => Object.entries(getTableColumns(table)) as Array<[string, PgColumn]>;

describe('COPY text format', () => {
  it('escapes backslashes, tabs, newlines and carriage returns', () => {
    expect(escapeCopy('a\\b\tc\nd\re')).toBe('a\\\\b\\tc\\nd\\re');
    expect(escapeCopy('南京市鼓楼区')).toBe('南京市鼓楼区');
  });

  it('writes arrays as quoted literals with quotes and backslashes escaped', () => {
    expect(arrayLiteral(['FINANCIAL_SERVICE', 'a "b"', 'c\\d', null])).toBe('{"FINANCIAL_SERVICE","a \\"b\\"","c\\\\d",NULL}');
  });

  it('writes a consent row with null as \\N, timestamps as ISO instants and arrays COPY-escaped', () => {
    const line = copyLine(columns(consents), {
      id: 7, subjectId: 3, granteeAgencyCode: 'JL_BANK', purposes: ['FINANCIAL_SERVICE'], itemCodes: ['03-02-001', '06-01-001'],
      grantedAt: new Date('2026-01-02T01:30:00Z'), expiresAt: new Date('2027-01-02T01:30:00Z'), revokedAt: null,
      channel: '手机银行', evidence: 'line\tbreak',
    });
    expect(line).toBe('7\t3\tJL_BANK\t{"FINANCIAL_SERVICE"}\t{"03-02-001","06-01-001"}\t2026-01-02T01:30:00.000Z\t2027-01-02T01:30:00.000Z\t\\N\t手机银行\tline\\tbreak\n');
  });

  it('writes booleans as t/f and jsonb as JSON with its backslashes doubled', () => {
    const cells = copyLine(columns(creditRecords), {
      id: 1, subjectId: 1, catalogItemId: 4, dishonesty: true, legalDocumentId: 2, agencyCode: 'SAMR', recordedByOfficial: null, decisionDate: '2024-01-01',
      severity: 'GENERAL', regime: 'NDRC_ORDER_58', specificSerious: null, publishFrom: '2024-01-01', publishMinUntil: '2024-04-01', publishUntil: '2027-01-01',
      publishUntilSource: 'COMPUTED', leniencyGround: null, leniencyNote: null, leniencyDocument: null, actDate: null,
      status: 'ACTIVE', repairTreatment: null, disputed: false,
      payload: { remarks: 'a\\b\n' }, personalDataErasedAt: null, createdAt: new Date(0), updatedAt: new Date(0), recordNumber: null,
    }).split('\t');
    const at = (key: string) => columns(creditRecords).findIndex(([k]) => k === key);
    expect([cells[at('dishonesty')], cells[at('disputed')], cells[at('payload')]]).toEqual(['t', 'f', '{"remarks":"a\\\\\\\\b\\\\n"}']);
  });

  it('refuses a row that leaves a column out, since COPY cannot use its default', () => {
    expect(() => copyLine(columns(consents), { id: 1 })).toThrow('bulk row for subject_id is missing (give null or a value)');
  });
});
