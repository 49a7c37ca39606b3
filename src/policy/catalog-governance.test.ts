/**
 * Catalog and measures-list governance as pure decisions (src/policy/catalog-governance.ts):
 * the level of the legal bases a version drafted through the API gives, and the approval and
 * consultation records it is published on. The shipped files give free-text bases and still
 * load (they predate the rule); the shapes accept both forms.
 */
import { loadCatalogBundle } from '../catalog/catalog.loader';
import { BasisRefSchema, basisText } from '../catalog/legal-basis.schema';
import type { AgencyFacts } from './jurisdiction';
import { basisProblems, MIN_CONSULTATION_DAYS, publicationRefusals, recordRefusals, type VersionDocument } from './catalog-governance';
import type { VersionFacts } from './powers';

const NDRC: AgencyFacts = { code: 'NDRC', system: 'NDRC', level: 'NATIONAL', kind: 'PLATFORM', regionCode: '100000' };
const SAMR_GULOU: AgencyFacts = { code: 'SAMR_320106', system: 'SAMR', level: 'COUNTY', kind: 'DEPARTMENT', regionCode: '320106' };

const LAW = { level: 'LAW', title: '《中华人民共和国行政处罚法》' } as const;
const REGULATION = { level: 'ADMINISTRATIVE_REGULATION', title: '《企业信息公示暂行条例》', article: '第十七条' } as const;
const STATE_COUNCIL = { level: 'STATE_COUNCIL_DOCUMENT', title: '国发〔2016〕33号' } as const;
const LOCAL = { level: 'LOCAL_REGULATION', title: '《南京市社会信用条例》' } as const;
const RULE = { level: 'DEPARTMENT_RULE', title: '《某部门规章》' } as const;
const INTERPRETATION = { level: 'JUDICIAL_INTERPRETATION', title: '《最高人民法院关于限制被执行人高消费及有关消费的若干规定》' } as const;

const bundle = loadCatalogBundle();
const shippedList = bundle.measureLists[0]!;
/** The list as its file gives it (the bundle adds the file's name). */
const { sourceFile: _file, ...listDocument } = shippedList;

function measureList(...bases: unknown[]): VersionDocument {
  const m = shippedList.measures[0]!;
  return { ...listDocument, measures: [{ ...m, legalBasis: bases as never }] } as VersionDocument;
}

function catalog(kind: 'BASE_CATALOG' | 'SUPPLEMENTARY_CATALOG', naturalPersonsBasis: unknown, catalogBasis: unknown[] = [LOCAL]): VersionDocument {
  const national = bundle.catalogs.find((c) => c.kind === 'BASE_CATALOG')!;
  const item = { ...national.items[0]!, publish: { scope: 'PUBLIC', period: { basis: 'WHILE_VALID' }, naturalPersons: 'PUBLISHED_MASKED', naturalPersonsBasis } };
  return kind === 'BASE_CATALOG'
    ? ({ ...national, items: [item] } as unknown as VersionDocument)
    : ({ kind, id: 'nanjing-2027', title: 't', region: { code: '320100', name: '南京市' }, legalBasis: catalogBasis, baseCatalog: national.id, items: [item] } as unknown as VersionDocument);
}

describe('the shapes accept both forms of a basis', () => {
  it.each([['text', '《中华人民共和国政府采购法》第二十二条'], ['structured', REGULATION]])('%s', (_form, basis) => {
    expect(BasisRefSchema.safeParse(basis).success).toBe(true);
  });

  it('refuses a structured basis of an unknown level, saying what a basis is', () => {
    const result = BasisRefSchema.safeParse({ level: 'MEETING_MINUTES', title: '会议纪要' });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.message).toContain('expected a legal basis: { level, title, article? }');
  });

  it('reads a structured basis as its title and article', () => {
    expect(basisText(REGULATION)).toBe('《企业信息公示暂行条例》第十七条');
  });

  it('still loads the shipped files, whose bases are text (they predate the rule)', () => {
    expect(shippedList.measures.every((m) => m.legalBasis.every((b) => typeof b === 'string'))).toBe(true);
  });
});

describe('basisProblems', () => {
  it.each([[LAW], [REGULATION], [STATE_COUNCIL]])('admits a measure on %o', (basis) => {
    expect(basisProblems(measureList(basis))).toEqual([]);
  });

  it.each([
    ['free text', '区长办公会议纪要', 'is free text'],
    ['a department rule', RULE, 'DEPARTMENT_RULE 《某部门规章》 is not enough'],
    ['a local regulation', LOCAL, 'LOCAL_REGULATION'],
    ['a judicial interpretation', INTERPRETATION, 'JUDICIAL_INTERPRETATION'],
  ])('refuses a measure on %s, at that basis', (_case, basis, reason) => {
    const problems = basisProblems(measureList(LAW, basis));
    expect(problems).toEqual([{ path: ['measures', 0, 'legalBasis', 1], message: expect.stringContaining(reason) }]);
    expect(problems[0]!.message).toContain('49号 五(九)');
  });

  it.each([[LAW], [REGULATION]])('admits natural persons published on %o in either catalog', (basis) => {
    expect(basisProblems(catalog('BASE_CATALOG', basis))).toEqual([]);
    expect(basisProblems(catalog('SUPPLEMENTARY_CATALOG', basis))).toEqual([]);
  });

  it('admits a local regulation for natural persons in a supplementary catalog only', () => {
    expect(basisProblems(catalog('SUPPLEMENTARY_CATALOG', LOCAL))).toEqual([]);
    expect(basisProblems(catalog('BASE_CATALOG', LOCAL))).toEqual([{ path: ['items', 0, 'publish', 'naturalPersonsBasis'], message: expect.stringContaining('49号 三(四)') }]);
  });

  it.each([[RULE], [STATE_COUNCIL], ['会议纪要']])('refuses natural persons published on %o', (basis) => {
    expect(basisProblems(catalog('SUPPLEMENTARY_CATALOG', basis))).toHaveLength(1);
  });

  it('needs one basis of a supplementary catalog at local-regulation level or above', () => {
    expect(basisProblems(catalog('SUPPLEMENTARY_CATALOG', LAW, [LOCAL, RULE]))).toEqual([]);
    expect(basisProblems(catalog('SUPPLEMENTARY_CATALOG', LAW, [RULE, INTERPRETATION]))).toEqual([{ path: ['legalBasis'], message: expect.stringContaining('49号 二(一)') }]);
    expect(basisProblems(catalog('SUPPLEMENTARY_CATALOG', LAW, [LOCAL, '某条例']))).toEqual([{ path: ['legalBasis', 1], message: expect.stringContaining('is free text') }]);
  });
});

describe('recordRefusals', () => {
  const version: VersionFacts = { id: 'measures-2027', kind: 'MEASURE_LIST', regionCode: null };
  const approval = { body: '部际联席会议', date: '2026-11-20', documentNumber: '发改财金规〔2026〕10号' };
  const consultation = (from: string, to: string) => ({ from, to, channel: 'https://www.creditchina.gov.cn/' });
  const refusals = (records: Parameters<typeof recordRefusals>[1], on = '2026-12-01') => recordRefusals(version, records, on).map((r) => `${r.code} ${r.reason}`);

  it('passes a consultation of 30 days, both ends counted, closed before the approval, approved before publication', () => {
    expect(MIN_CONSULTATION_DAYS).toBe(30);
    expect(refusals({ approval, consultation: consultation('2026-09-11', '2026-10-10') })).toEqual([]);
    expect(refusals({ approval, consultation: consultation('2026-09-11', '2026-10-10') }, '2026-11-20')).toEqual([]);
  });

  it('refuses 29 days', () => {
    expect(refusals({ approval, consultation: consultation('2026-09-12', '2026-10-10') })).toEqual([expect.stringMatching(/^NOT_ELIGIBLE .*lasted 29 days/)]);
  });

  it('names each missing record', () => {
    expect(refusals({ approval: null, consultation: null })).toEqual([
      expect.stringMatching(/^BAD_USER_INPUT .*approval record \(批准/),
      expect.stringMatching(/^BAD_USER_INPUT .*public consultation record \(公开征求意见/),
    ]);
  });

  it('refuses an approval after publication and a consultation closing on the approval day', () => {
    expect(refusals({ approval, consultation: consultation('2026-09-01', '2026-10-10') }, '2026-11-19')).toEqual([expect.stringMatching(/^NOT_ELIGIBLE .*approved on 2026-11-20, after its publication on 2026-11-19/)]);
    expect(refusals({ approval, consultation: consultation('2026-09-01', '2026-11-20') })).toEqual([expect.stringMatching(/^NOT_ELIGIBLE .*closed on 2026-11-20, not before the approval/)]);
  });
});

describe('publicationRefusals', () => {
  const records = { approval: { body: '部际联席会议', date: '2026-11-20', documentNumber: '10号' }, consultation: { from: '2026-09-01', to: '2026-10-10', channel: 'x' } };
  const facts = (publisher: AgencyFacts | undefined, document: unknown) => ({
    version: { id: shippedList.id, kind: 'MEASURE_LIST' as const, regionCode: null }, publisher, publisherCode: publisher?.code ?? null, document, records, publishedOn: '2026-12-01',
  });

  it('passes NDRC with a proper basis and records', () => {
    expect(publicationRefusals(facts(NDRC, measureList(LAW)))).toEqual([]);
  });

  it('puts the power first, then the basis', () => {
    expect(publicationRefusals(facts(SAMR_GULOU, measureList('会议纪要'))).map((r) => r.code)).toEqual(['FORBIDDEN', 'BAD_USER_INPUT']);
    expect(publicationRefusals(facts(undefined, measureList(LAW))).map((r) => r.code)).toEqual(['FORBIDDEN']);
  });

  it('refuses a stored document that is not the version\'s shape', () => {
    expect(publicationRefusals(facts(NDRC, {}))).toEqual([expect.objectContaining({ code: 'BAD_USER_INPUT', reason: expect.stringContaining('does not have the shape') })]);
  });
});
