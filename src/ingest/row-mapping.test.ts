import { AppError } from '../errors';
import { mapRow, normaliseDate, parseSeverity, RowProblem, toRecordInput, unknownHeaders } from './row-mapping';

describe('row mapping', () => {
  it('writes the dates of exported spreadsheets as YYYY-MM-DD, and leaves anything else for the validator', () => {
    expect(normaliseDate('2026-06-01')).toBe('2026-06-01');
    expect(normaliseDate('2026/6/1')).toBe('2026-06-01');
    expect(normaliseDate('2026年6月1日')).toBe('2026-06-01');
    expect(normaliseDate('20260601')).toBe('2026-06-01');
    expect(normaliseDate('2026-06-01 10:30:00')).toBe('2026-06-01');
    expect(normaliseDate('2026-02-30')).toBe('2026-02-30');
    expect(normaliseDate('六月一日')).toBe('六月一日');
  });

  it('reads severities in Chinese and in English', () => {
    expect(parseSeverity('一般')).toBe('GENERAL');
    expect(parseSeverity('serious')).toBe('SERIOUS');
    expect(parseSeverity('很严重')).toBeUndefined();
  });

  it('turns a penalty row into the recording request, blank cells left out', () => {
    const mapped = mapRow('penalty', {
      row: 2,
      values: {
        行政相对人名称: '南京钢铁联合有限公司', '行政相对人代码_1（统一社会信用代码）': '91320100748204660Q', 行政处罚决定书文号: '宁鼓市监处罚〔2026〕1号',
        处罚类别: '罚款', '罚款金额（万元）': 0.5, 处罚决定日期: '2026/6/1', 处罚机关: '南京市鼓楼区市场监督管理局', 失信严重程度: '一般',
        法定代表人证件类型: '其他-军官证', 备注: '  ', 公示截止期: '2027年6月1日',
      },
    });
    const { input, extras } = toRecordInput('penalty', mapped);
    expect(input).toMatchObject({
      itemCode: '', subjectCode: '91320100748204660Q', subjectIdNumber: null, decisionDate: '2026-06-01', severity: 'GENERAL',
      document: { kind: 'ADMINISTRATIVE_PENALTY', number: '宁鼓市监处罚〔2026〕1号', issuer: '南京市鼓楼区市场监督管理局', effectiveOn: '2026-06-01' },
      penalty: { penaltyCategory: '罚款', fineAmount: '0.5', decidingAuthority: '南京市鼓楼区市场监督管理局', legalRepIdType: '其他' },
    });
    expect((input as unknown as { penalty: Record<string, unknown> }).penalty).not.toHaveProperty('remarks');
    expect(extras).toEqual({ agencyUscc: undefined, statedPublicationEnd: '2027-06-01', subjectCategory: undefined });
  });

  it('names the column a row problem is about', () => {
    const problemOf = (fn: () => unknown) => {
      try {
        fn();
      } catch (err) {
        expect(err).toBeInstanceOf(RowProblem);
        return [(err as RowProblem).target, ((err as RowProblem).error as AppError).code];
      }
      throw new Error('no problem raised');
    };
    expect(problemOf(() => mapRow('penalty', { row: 3, values: { 处罚金额: '1' } }))).toEqual(['处罚金额', 'BAD_USER_INPUT']);
    expect(problemOf(() => mapRow('penalty', { row: 3, unreadable: 'bad JSON' }))).toEqual(['row', 'BAD_USER_INPUT']);
    expect(problemOf(() => toRecordInput('penalty', mapRow('penalty', { row: 3, values: { 处罚决定日期: '2026-06-01', 失信严重程度: '很严重' } }))))
      .toEqual(['severity', 'BAD_USER_INPUT']);
    expect(problemOf(() => toRecordInput('penalty', mapRow('penalty', { row: 3, values: { 行政相对人类别: '公司' } })))).toEqual(['decisionDate', 'BAD_USER_INPUT']);
  });

  it('lists the headers of a file that the table does not know', () => {
    expect(unknownHeaders('penalty', ['行政相对人名称', '罚没金额', '', 'CF_WSH'])).toEqual(['罚没金额']);
  });
});
