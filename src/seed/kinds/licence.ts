/**
 * Administrative licences (行政许可) with the 双公示 licence fields. The certificate follows
 * the provider and the subject's trade (a restaurant holds a 食品经营许可证, a plant an
 * 排污许可证); licences run five years and are published while valid.
 */
import type { IndexedItem } from '../../catalog/catalog.index';
import { addMonths } from '../../time/legal-date';
import { addDays, dateBetween } from '../days';
import type { ChunkRows, SeedContext } from '../context';
import { encryptedField, payloadOf } from '../payload';
import { between, chance, pick, type Rng } from '../random';
import { emitRecord, type Emitted } from '../records';
import type { SubjectDraft } from '../subjects';
import { earliestDecision } from './dates';

interface Template {
  readonly certificate: string;
  readonly category: '普通' | '特许' | '认可' | '核准' | '登记' | '其他';
  readonly content: string;
  readonly number: (rng: Rng, s: SubjectDraft) => string;
  readonly years: number | null;
}

const digits = (rng: Rng, n: number) => String(between(rng, 0, 10 ** n - 1)).padStart(n, '0');

const FOOD: Template = {
  certificate: '食品经营许可证', category: '普通', years: 5, content: '食品销售（预包装食品、散装食品）；热食类食品制售',
  number: (rng, s) => `JY1${s.row.regionCode}${digits(rng, 7)}`,
};
const SAMR_TEMPLATES: Readonly<Record<string, Template>> = {
  FOOD,
  DRUGS: { certificate: '药品经营许可证', category: '普通', years: 5, content: '药品零售：中成药、化学药制剂、抗生素制剂、生化药品', number: (rng) => `AA${digits(rng, 7)}` },
  SPECIAL_EQUIPMENT: { certificate: '特种设备生产许可证', category: '认可', years: 4, content: '承压类特种设备安装、修理、改造', number: (rng) => `TS${digits(rng, 7)}-${between(rng, 2027, 2030)}` },
  OTHER: { certificate: '全国工业产品生产许可证', category: '核准', years: 5, content: '建筑用钢筋、电线电缆产品生产', number: (rng) => `XK${between(rng, 1, 16)}-${digits(rng, 3)}-${digits(rng, 5)}` },
};
const BY_PROVIDER: Readonly<Record<string, Template>> = {
  MEE: { certificate: '排污许可证', category: '普通', years: 5, content: '排放大气污染物、水污染物，执行相应排放标准', number: (rng, s) => `${s.row.uscc}${digits(rng, 3)}P` },
  CNIPA: { certificate: '专利代理机构执业许可证', category: '认可', years: null, content: '从事专利代理业务', number: (rng) => digits(rng, 5) },
};

function templateFor(item: IndexedItem, s: SubjectDraft, rng: Rng): Template {
  const own = BY_PROVIDER[item.provider];
  if (own) return own;
  if (item.provider !== 'SAMR') {
    return { certificate: item.name.replace(/信息$/, ''), category: '其他', years: 5, content: item.name, number: (r) => digits(r, 10) };
  }
  const sector = s.industry?.sector;
  if (sector && SAMR_TEMPLATES[sector]) return SAMR_TEMPLATES[sector]!;
  return chance(rng, 0.5) ? SAMR_TEMPLATES.OTHER! : FOOD;
}

export function licence(ctx: SeedContext, out: ChunkRows, s: SubjectDraft, rng: Rng, item: IndexedItem, date?: string): Emitted | null {
  const from = earliestDecision(ctx, item, s);
  if (from === null) return null;
  const decided = date ?? dateBetween(rng, from, ctx.today);
  const agency = ctx.agencies.pick(rng, item.provider, s.row.regionCode);
  const t = templateFor(item, s, rng);
  const validUntil = t.years === null ? null : addDays(addMonths(decided, t.years * 12), -1);
  const documentNumber = ctx.numbers.administrative(agency, 'LICENCE', decided);
  return emitRecord(ctx, out, s, rng, { item, agency, decisionDate: decided, validUntil }, () => payloadOf('LICENCE', {
    legalRepresentative: s.person.name, legalRepIdType: '身份证', legalRepIdNumber: encryptedField(s.row.legalRepIdCipher),
    documentName: `${t.certificate}准予行政许可决定书`,
    documentNumber, licenceCategory: t.category, certificateName: t.certificate, licenceNumber: t.number(rng, s),
    content: t.content, decidedOn: decided, validFrom: decided, validUntil,
    licensingAuthority: agency.name, licensingAuthorityUscc: agency.uscc,
    status: validUntil === null || validUntil >= ctx.today ? '有效' : '无效',
    dataSource: agency.name, dataSourceUscc: agency.uscc, remarks: pick(rng, [null, null, null, '延续换发']),
  }));
}
