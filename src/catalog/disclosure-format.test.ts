import { maskValue } from './disclosure-format';
import type { DisclosureFormat } from './vocabulary.schema';

const name: DisclosureFormat = { method: 'KEEP_SURNAME', compoundSurnames: ['欧阳', '司马'], examples: [{ input: '张三', output: '张*' }] };
const id: DisclosureFormat = { method: 'KEEP_ENDS', keepFirst: 4, keepLast: 4, examples: [{ input: 'x', output: 'x' }] };

describe('maskValue', () => {
  it('keeps a single surname and masks each remaining character', () => {
    expect(maskValue(name, '*', '王小明')).toBe('王**');
  });

  it('keeps a compound surname whole when the name has three characters or more', () => {
    expect(maskValue(name, '*', '欧阳娜娜')).toBe('欧阳**');
    expect(maskValue(name, '*', '司马光')).toBe('司马*');
  });

  it('reads a two-character name starting like a compound surname as surname plus given name', () => {
    expect(maskValue(name, '*', '司马')).toBe('司*');
  });

  it('keeps the first four and last four characters of an ID number', () => {
    expect(maskValue(id, '*', '11010519491231002X')).toBe('1101**********002X');
  });

  it('masks a value too short to hide anything between its kept ends', () => {
    expect(maskValue(id, '*', '12345678')).toBe('********');
  });

  it('publishes nothing for a never-published format', () => {
    expect(maskValue({ method: 'NEVER_PUBLISHED' }, '*', '深圳市福田区')).toBeNull();
  });
});
