import { recordKindFields } from '../catalog/record-kinds';
import { encryptedField, payloadOf, wanYuan } from './payload';

describe('payloadOf', () => {
  it('gives every field of the record kind, null where no value is given', () => {
    const payload = payloadOf('HONOUR', { honourName: '纳税信用A级纳税人', evaluationYear: 2024 });
    expect(Object.keys(payload)).toEqual(recordKindFields('HONOUR').map((f) => f.key));
    expect(payload).toMatchObject({ honourName: '纳税信用A级纳税人', evaluationYear: 2024, awardedOn: null });
  });

  it('refuses a key the record kind does not have', () => {
    expect(() => payloadOf('HONOUR', { grade: 'A' })).toThrow('payload key grade is not a field of record kind HONOUR');
  });

  it('refuses an ID number in clear and accepts the enc: ciphertext form', () => {
    expect(() => payloadOf('PENALTY', { idNumber: '11010519491231002X' })).toThrow('payload field idNumber would hold an ID number in clear');
    expect(payloadOf('PENALTY', { idNumber: encryptedField('AQID') }).idNumber).toBe('enc:AQID');
  });
});

describe('wanYuan', () => {
  it('writes yuan as 万元 decimals without trailing zeros', () => {
    expect([wanYuan(25_000), wanYuan(800), wanYuan(1_000_000), wanYuan(0), wanYuan(12_345)]).toEqual(['2.5', '0.08', '100', '0', '1.2345']);
  });
});
