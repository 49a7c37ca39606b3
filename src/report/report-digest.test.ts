import { createHash } from 'node:crypto';
import { canonicalJson, reportDigest } from './report-digest';

describe('the report digest', () => {
  it('sorts keys at every level, keeps array order and drops whitespace', () => {
    expect(canonicalJson({ b: [3, { z: 1, a: null }], a: '王**' })).toBe('{"a":"王**","b":[3,{"a":null,"z":1}]}');
  });

  it('is the same for the same content in any key order, and differs when any value differs', () => {
    const a = { reportNumber: 'XYBG-20261129-ABCDEFGHIJ', summary: { penalties: 2, licences: 1 } };
    const b = { summary: { licences: 1, penalties: 2 }, reportNumber: 'XYBG-20261129-ABCDEFGHIJ' };
    expect(reportDigest(a)).toBe(reportDigest(b));
    expect(reportDigest(a)).toBe(createHash('sha256').update(canonicalJson(a), 'utf8').digest('hex'));
    expect(reportDigest({ ...a, summary: { licences: 1, penalties: 3 } })).not.toBe(reportDigest(a));
  });
});
