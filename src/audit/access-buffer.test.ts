import { countPath } from './access-buffer';

describe('countPath: the field path of one subject\'s count row', () => {
  it('keeps a single count as path=value', () => {
    expect(countPath([['subject.profile.penalties.totalCount', '2']])).toBe('subject.profile.penalties.totalCount=2');
  });

  it('names several counts after their longest common prefix, in the order read', () => {
    expect(countPath([
      ['subjectsByCodes.3.profile.penalties.totalCount', '2'],
      ['subjectsByCodes.3.profile.anomalies.totalCount', '0'],
    ])).toBe('subjectsByCodes.3.profile{penalties.totalCount=2,anomalies.totalCount=0}');
  });

  it('keeps at least the last segment of each count, even when the paths are the same', () => {
    expect(countPath([['a.totalCount', '1'], ['a.totalCount', '1']])).toBe('a{totalCount=1,totalCount=1}');
    expect(countPath([['total', '5'], ['penalties', '2']])).toBe('{total=5,penalties=2}');
  });
});
