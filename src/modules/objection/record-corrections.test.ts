/**
 * The field changes an objection decision makes (record-corrections.ts): checked against the
 * record kind's own fields, CORRECTED changes or clears, SUPPLEMENTED only fills empty fields,
 * fields derived from the document and window are never edited alone, and ID numbers are
 * validated and stored encrypted like every payload.
 */
import { randomBytes } from 'node:crypto';
import { createIdNumberVault } from '../../identifiers';
import { applyCorrections, type FieldChange } from './record-corrections';
import { refusal } from '../../../test/support/refusal';

const vault = createIdNumberVault({ hmacKey: randomBytes(32), encryptionKey: randomBytes(32) });
const ctx = { vault, now: new Date('2026-06-01T10:00:00+08:00') };

/** A stored penalty payload: some fields filled, others empty. Frozen: an edit in place would throw. */
const STORED = Object.freeze({
  documentNumber: '宁市监罚〔2026〕12号',
  decidedOn: '2026-03-02',
  penaltyCategory: '罚款',
  fineAmount: '2.5',
  violationType: '虚假宣传',
  legalRepresentative: '王建军',
  remarks: null,
});

const apply = (changes: FieldChange[], mode: 'CORRECTED' | 'SUPPLEMENTED' = 'CORRECTED') => applyCorrections('PENALTY', STORED, changes, mode, ctx);


describe('CORRECTED', () => {
  it('replaces the values given and keeps every other field as stored', () => {
    const next = apply([{ key: 'fineAmount', value: ' 3.75 ' }, { key: 'penaltyCategory', value: '警告' }]);
    expect(next).toEqual({ ...STORED, fineAmount: '3.75', penaltyCategory: '警告' });
  });

  it('clears a field given null', () => {
    expect(apply([{ key: 'violationType', value: null }]).violationType).toBeNull();
  });

  it('stores a corrected resident ID number encrypted, never in clear', () => {
    const next = apply([{ key: 'legalRepIdType', value: '身份证' }, { key: 'legalRepIdNumber', value: '11010519491231002x' }]);
    const stored = String(next.legalRepIdNumber);
    expect(stored.startsWith('enc:')).toBe(true);
    expect(stored).not.toContain('11010519491231002');
    expect(vault.decrypt(Buffer.from(stored.slice(4), 'base64'))).toBe('11010519491231002X');
  });

  it('refuses a resident ID number whose check character is wrong', () => {
    const r = refusal(() => apply([{ key: 'idNumber', value: '110101199003074478' }]));
    expect(r.code).toBe('INVALID_ID_NUMBER');
    expect(r.message).toContain('corrections: idNumber (证件号码): resident ID number (居民身份证号码): check character (校验码, position 18) does not match');
  });

  it('does not check a passport number as a resident ID', () => {
    const next = apply([{ key: 'idType', value: '护照号' }, { key: 'idNumber', value: 'E12345678' }]);
    expect(String(next.idNumber).startsWith('enc:')).toBe(true);
  });
});

describe('SUPPLEMENTED', () => {
  it('fills an empty field', () => {
    expect(apply([{ key: 'remarks', value: '当事人已补充说明' }], 'SUPPLEMENTED').remarks).toBe('当事人已补充说明');
  });

  it('refuses to change a field that holds a value, pointing to CORRECTED', () => {
    expect(refusal(() => apply([{ key: 'violationType', value: '其他' }], 'SUPPLEMENTED')).message).toBe(
      'corrections: violationType (违法行为类型) already holds a value; SUPPLEMENTED only fills empty fields, use CORRECTED to change it',
    );
  });

  it('refuses null: it supplies values', () => {
    expect(refusal(() => apply([{ key: 'remarks', value: null }], 'SUPPLEMENTED')).message).toContain('SUPPLEMENTED supplies values; null is not one');
  });
});

describe('refusals that name the field and what is accepted', () => {
  it.each([
    ['no change at all', [], 'corrections: CORRECTED changes the record; list at least one field and its value'],
    ['a field the kind does not have', [{ key: 'salary', value: '1' }], 'corrections: PENALTY records have no field "salary"; fields: legalRepresentative,'],
    ['a field listed twice', [{ key: 'remarks', value: 'a' }, { key: 'remarks', value: 'b' }], 'corrections: field remarks is listed twice'],
    ['the document number, derived from the record\'s document', [{ key: 'documentNumber', value: 'X' }], 'documentNumber (行政处罚决定书文号) is derived from the record\'s document and dates; if it is wrong, revoke the record and record it again'],
    ['the decision date, derived', [{ key: 'decidedOn', value: '2026-03-03' }], 'decidedOn (处罚决定日期) is derived'],
    ['the end of publicity, derived', [{ key: 'publicityEndsOn', value: '2027-03-03' }], 'publicityEndsOn (公示截止期) is derived'],
    ['a value outside the enumeration', [{ key: 'penaltyCategory', value: '罚金' }], '"罚金" is not one of 警告、通报批评、罚款'],
    ['an impossible date', [{ key: 'validUntil', value: '2026-02-30' }], 'corrections: validUntil (处罚有效期): "2026-02-30" is not a date written YYYY-MM-DD'],
    ['a date in another format', [{ key: 'validUntil', value: '2026/03/01' }], 'is not a date written YYYY-MM-DD'],
    ['a decimal with 5 places', [{ key: 'fineAmount', value: '1.23456' }], 'is not a decimal such as "2.5" (万元, at most 4 decimal places)'],
    ['a blank text', [{ key: 'violationType', value: '   ' }], 'corrections: violationType (违法行为类型): blank; pass null to clear a field'],
    ['a string over 200 characters', [{ key: 'violationType', value: '违'.repeat(201) }], 'longer than 200 characters'],
  ] as Array<[string, FieldChange[], string]>)('refuses %s', (_, changes, message) => {
    const r = refusal(() => apply(changes));
    expect(r.code).toBe('BAD_USER_INPUT');
    expect(r.message).toContain(message);
  });

  it('accepts the longest values allowed: 200 characters of a string, 4000 of a text, 4 decimal places', () => {
    const next = apply([
      { key: 'violationType', value: '违'.repeat(200) },
      { key: 'violationFacts', value: '事'.repeat(4000) },
      { key: 'fineAmount', value: '12345678901234.5678' },
    ]);
    expect([...String(next.violationType)]).toHaveLength(200);
    expect(next.fineAmount).toBe('12345678901234.5678');
    expect(refusal(() => apply([{ key: 'violationFacts', value: '事'.repeat(4001) }])).message).toContain('longer than 4000 characters');
  });
});
