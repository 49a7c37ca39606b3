/**
 * Stable sample subjects, always ids 1–5 whatever the seed, so that READMEs, dev tokens and
 * tests have codes to try: 91320100748204660Q (南京钢铁联合有限公司, penalties under all three
 * regimes, licences, an honour), an individual business, a natural person on the court list,
 * an enterprise on a serious list, and a Shenzhen firm with local-catalog records. Their
 * divisions (320100, 320106, 440300) are outside the generator's, so codes never collide.
 */
import { makeResidentId, makeUscc } from '../identifiers';
import { addDays } from './days';
import type { ChunkRows, SeedContext } from './context';
import { consentOffers, consentsFor } from './consents';
import { personFrom } from './identities';
import { listEntry, type EntryState } from './kinds/listing';
import { licence } from './kinds/licence';
import { penalty, type PenaltyOptions } from './kinds/penalty';
import { commitment, evaluations } from './kinds/standing';
import { INDUSTRIES, type Industry, type Region } from './names';
import { STREAMS, streamRng } from './random';
import { encryptId, type SubjectDraft, type SubjectKind } from './subjects';
import type { EmbeddedAccount } from '../session';

export const STEEL_USCC = '91320100748204660Q';

interface Sample {
  kind: SubjectKind; uscc: string | null; name: string; person: [name: string, id: string]; region: Region;
  industry: Industry | null; established: string | null; capital: string | null; address: string; scope: string | null;
  plan(p: Plan): void;
}

/** Helpers that skip quietly when the catalog does not hold the item or list type. */
interface Plan {
  licence(code: string, date: string): void;
  penalty(code: string, date: string, opts: PenaltyOptions): void;
  evaluations(code: string, count: number, honourCode?: string, grades?: readonly string[]): void;
  commitment(code: string): void;
  list(code: string, state: EntryState): void;
  consents(count: number): void;
}

const NANJING: Region = { code: '320100', province: '江苏省', city: '南京市', district: '' };
const GULOU: Region = { code: '320106', province: '江苏省', city: '南京市', district: '鼓楼区' };
const SHENZHEN: Region = { code: '440300', province: '广东省', city: '深圳市', district: '' };
const industry = (word: string) => INDUSTRIES.find((i) => i.word === word) ?? null;
const STEEL: Industry = { word: '钢铁', shop: '', scope: '钢铁冶炼、钢材轧制；金属材料、焦炭及副产品销售；货物进出口', sector: 'WORK_SAFETY' };
const SCOPE = (i: Industry | null) => (i ? `${i.scope}。（依法须经批准的项目，经相关部门批准后方可开展经营活动）` : null);
const rid = (division: string, birthDate: string, sequence: number) => makeResidentId({ divisionCode: division, birthDate, sequence });

const SAMPLES: readonly Sample[] = [
  {
    kind: 'LEGAL_PERSON', uscc: STEEL_USCC, name: '南京钢铁联合有限公司', person: ['陈立平', rid('320106', '1968-03-12', 371)],
    region: NANJING, industry: STEEL, established: '2003-03-28', capital: '376000', address: '江苏省南京市六合区卸甲甸幸福路8号', scope: SCOPE(STEEL),
    plan: (p) => {
      p.licence('03-01-001', '2018-06-01'); p.licence('03-01-001', '2023-09-15'); p.licence('03-01-002', '2021-07-20');
      p.penalty('03-02-003', '2019-09-16', { category: '罚款', leniency: null }); // 2019 notice, long expired
      p.penalty('03-02-001', '2024-03-18', { category: '罚款', leniency: null }); // Order 58
      p.penalty('03-02-002', '2026-05-12', { category: '罚款', leniency: null }); // Order 36
      p.evaluations('09-01-001', 3, '11-01-001', ['A']); p.commitment('08-01-001');
    },
  },
  {
    kind: 'INDIVIDUAL_BUSINESS', uscc: makeUscc({ authority: '9', category: '2', divisionCode: '320106', orgBody8: 'MA1N7R2K' }),
    name: '南京市鼓楼区李记小吃店', person: ['李秀英', rid('320106', '1975-09-02', 248)], region: GULOU, industry: industry('餐饮管理'),
    established: '2016-04-12', capital: '5', address: '江苏省南京市鼓楼区中山北路218号', scope: SCOPE(industry('餐饮管理')),
    plan: (p) => {
      p.licence('03-01-001', '2021-05-10'); p.penalty('03-02-001', '2024-08-08', { category: '罚款', leniency: null });
      p.penalty('03-02-001', '2026-06-20', { category: '警告', leniency: null }); p.commitment('08-01-001');
    },
  },
  {
    kind: 'NATURAL_PERSON', uscc: null, name: '王建军', person: ['王建军', rid('320106', '1978-06-15', 123)], region: GULOU,
    industry: null, established: null, capital: null, address: '江苏省南京市鼓楼区湖南路16号', scope: null,
    plan: (p) => { p.list('COURT_DEFAULTER', 'LISTED'); p.penalty('03-02-002', '2024-11-05', { category: '罚款', leniency: null }); p.consents(2); },
  },
  {
    kind: 'LEGAL_PERSON', uscc: makeUscc({ authority: '9', category: '1', divisionCode: '320100', orgBody8: 'MA1Q8T3L' }),
    name: '南京恒泰建筑工程有限公司', person: ['赵国强', rid('320106', '1972-11-30', 455)], region: NANJING, industry: industry('建筑工程'),
    established: '2017-08-21', capital: '2000', address: '江苏省南京市建邺区江东中路99号', scope: SCOPE(industry('建筑工程')),
    plan: (p) => {
      p.list('SAMR_SERIOUS_VIOLATION', 'LISTED'); p.list('MAJOR_TAX_VIOLATION', 'NOTIFIED');
      p.penalty('03-02-001', '2025-06-03', { category: '吊销许可证件', leniency: null }); p.licence('03-01-001', '2019-02-14');
    },
  },
  {
    kind: 'LEGAL_PERSON', uscc: makeUscc({ authority: '9', category: '1', divisionCode: '440300', orgBody8: 'MA5G3K8N' }),
    name: '深圳市前海顺达物流有限公司', person: ['林晓东', rid('440305', '1983-02-17', 517)], region: SHENZHEN, industry: industry('物流'),
    established: '2018-10-09', capital: '1000', address: '广东省深圳市南山区前海大道188号', scope: SCOPE(industry('物流')),
    plan: (p) => {
      p.penalty('SZ-03-001', '2025-02-11', { category: '罚款', leniency: null }); p.evaluations('SZ-09-001', 2);
      p.licence('03-01-001', '2020-03-02'); p.commitment('08-01-001');
    },
  },
];

export const SAMPLE_COUNT = SAMPLES.length;

/**
 * The embedded identity provider's test accounts (src/session/embedded-provider.ts): the sample
 * natural person (subject 3), an agent of the sample steel company (subject 1, signing in with
 * its USCC as an electronic business-licence login does), and a person of whom nothing is held.
 * Demo identities only: they exist in the seeded database and nowhere else.
 */
export function signInTestAccounts(): EmbeddedAccount[] {
  const person = SAMPLES[2]!;
  const steel = SAMPLES[0]!;
  return [
    { login: 'wangjianjun', password: 'demo-person', name: person.name, idNumber: person.person[1], note: `person ${person.name}: own records (subject 3)` },
    { login: 'nangang-agent', password: 'demo-company', name: steel.person[0], idNumber: steel.person[1], uscc: steel.uscc!, note: `agent of ${steel.name} ${steel.uscc} (subject 1)` },
    { login: 'newcomer', password: 'demo-unknown', name: '张新', idNumber: rid('320106', '1990-01-01', 999), note: 'person of whom nothing is held (public view)' },
  ];
}

export function sampleSubject(ctx: SeedContext, id: number): SubjectDraft {
  const x = SAMPLES[id - 1]!;
  const person = { ...personFrom(x.person[1]), name: x.person[0] };
  const natural = x.kind === 'NATURAL_PERSON';
  const ids = encryptId(ctx.vault, person.idNumber);
  const row: SubjectDraft['row'] = {
    id, kind: x.kind, uscc: x.uscc, idNumberHash: natural ? ids.hash : null, idNumberCipher: natural ? ids.cipher : null, name: x.name,
    legalRepresentative: natural ? null : person.name, legalRepIdHash: natural ? null : ids.hash, legalRepIdCipher: natural ? null : ids.cipher,
    entityType: natural ? null : x.kind === 'INDIVIDUAL_BUSINESS' ? '个体工商户' : '有限责任公司（自然人投资或控股）',
    status: natural ? '正常' : '存续', establishedOn: x.established, registeredCapital: x.capital, address: x.address, phone: null,
    registrationAuthority: natural ? null : `${x.region.city}${x.region.district}市场监督管理局`, businessScope: x.scope,
    regionCode: x.region.code, updatedAt: new Date(`${ctx.today}T00:00:00+08:00`),
  };
  return { id, kind: x.kind, row, region: x.region, industry: x.industry, person, establishedOn: x.established };
}

export function planSample(ctx: SeedContext, out: ChunkRows, s: SubjectDraft): void {
  const rng = streamRng(ctx.seed, STREAMS.records, s.id);
  const item = (code: string) => ctx.catalog.itemByCode(code);
  // Fixed dates after today (a test clock in the past) are skipped rather than invented.
  const due = (date: string) => date <= ctx.today;
  const p: Plan = {
    licence: (code, date) => { const i = item(code); if (i && due(date)) licence(ctx, out, s, rng, i, date); },
    penalty: (code, date, opts) => { const i = item(code); if (i && due(date)) penalty(ctx, out, s, rng, i, { ...opts, date }); },
    evaluations: (code, count, honour, grades) => { const i = item(code); if (i) evaluations(ctx, out, s, rng, i, count, honour ? item(honour) : undefined, grades); },
    commitment: (code) => { const i = item(code); if (i) commitment(ctx, out, s, rng, i); },
    list: (code, state) => {
      const type = ctx.bundle.listTypes.find((t) => t.code === code);
      const i = type && item(type.catalogItem.code);
      if (type && i) listEntry(ctx, out, s, rng, type, i, state, addDays(ctx.today, state === 'LISTED' ? -200 : -3));
    },
    consents: (count) => consentsFor(ctx, out, s, rng, consentOffers(ctx.catalog, ctx.bundle, ctx.agencies.all), count),
  };
  SAMPLES[s.id - 1]!.plan(p);
}
