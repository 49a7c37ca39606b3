import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { RegimesSchema } from '../../catalog/vocabulary.schema';
import { specificSeriousOf, type SpecificSeriousFacts } from './specific-serious.rules';

const regimes = RegimesSchema.parse(parse(readFileSync(join(__dirname, '../../catalog/data/publication-regimes.yaml'), 'utf8'))).regimes;
const notice2019 = regimes.find((r) => r.code === 'NDRC_2019_527')!;
const order58 = regimes.find((r) => r.code === 'NDRC_ORDER_58')!;
const facts = (f: Partial<SpecificSeriousFacts>): SpecificSeriousFacts => ({ severity: 'SERIOUS', penaltyCategory: '吊销许可证件', sector: null, named: null, ...f });

describe('specificSeriousOf (发改办财金〔2019〕527号)', () => {
  it('finds a revocation or closure in a listed sector without being told', () => {
    expect(specificSeriousOf(notice2019, facts({ sector: 'DRUGS' }))).toEqual({ ground: '食品药品' });
    expect(specificSeriousOf(notice2019, facts({ sector: 'FIRE_SAFETY', penaltyCategory: '责令停产停业' }))).toEqual({ ground: '消防安全' });
    expect(specificSeriousOf(notice2019, facts({ sector: 'SPECIAL_EQUIPMENT' }))).toBeNull();
    expect(specificSeriousOf(notice2019, facts({ sector: 'FOOD', penaltyCategory: '罚款' }))).toBeNull();
  });

  it('accepts a named field or conduct only on a penalty of the listed categories', () => {
    expect(specificSeriousOf(notice2019, facts({ named: '生态环境' }))).toEqual({ ground: '生态环境' });
    expect(specificSeriousOf(notice2019, facts({ named: '恶意欠薪', penaltyCategory: '罚款' }))).toMatchObject({
      kind: 'BAD_INPUT', problem: expect.stringContaining('covers only penalties of 责令停产停业、吊销许可证件; this penalty is 罚款'),
    });
    expect(specificSeriousOf(notice2019, facts({ named: '乱停车' }))).toMatchObject({ kind: 'BAD_INPUT', problem: expect.stringContaining('specificSeriousGround 乱停车 is none of the fields') });
  });

  it('demands the SERIOUS label', () => {
    expect(specificSeriousOf(notice2019, facts({ sector: 'FOOD', severity: 'GENERAL' }))).toMatchObject({
      kind: 'SEVERITY', problem: expect.stringMatching(/吊销许可证件 for 食品药品 is 特定严重失信 under NDRC_2019_527 .*label it SERIOUS, not GENERAL/),
    });
  });

  it('has nothing to find under a regime without the category, and refuses a named ground there', () => {
    expect(specificSeriousOf(order58, facts({ sector: 'FOOD' }))).toBeNull();
    expect(specificSeriousOf(order58, facts({ named: '生态环境' }))).toMatchObject({ kind: 'BAD_INPUT' });
  });
});
