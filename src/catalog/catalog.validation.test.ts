import { join } from 'node:path';
import { parse } from 'yaml';
import { loadCatalogBundle } from './catalog.loader';
import { CatalogLoadError, formatProblem } from './catalog.errors';
import { validateBundle } from './catalog.validate';
import { type CatalogTexts, catalogDir, lineAfter, removeCatalogDirs, replaceAfter, shippedTexts } from '../../test/support/catalog-fixtures';

const NATIONAL = 'national-base-2024.yaml';
const LIST_TYPES = 'serious-list-types.yaml';
const MEASURES = 'measures-2024.yaml';
const POWERS = 'agency-powers.yaml';

afterAll(removeCatalogDirs);

/** Loads the edited files and returns the error's message lines. */
function problemsOf(edit: (texts: CatalogTexts) => void): { lines: string[]; texts: CatalogTexts; dir: string } {
  const { dir, texts } = catalogDir(edit);
  try {
    loadCatalogBundle(dir);
  } catch (e) {
    expect(e).toBeInstanceOf(CatalogLoadError);
    return { lines: (e as Error).message.split('\n').slice(1), texts, dir };
  }
  throw new Error('the edited catalog loaded without error');
}

function edit(name: string, anchor: string, from: string, to: string) {
  return (texts: CatalogTexts) => {
    texts[name] = replaceAfter(texts[name], anchor, from, to);
  };
}

describe('loading catalog files with a problem', () => {
  it('names the file, line, item and field of a field the item does not list', () => {
    const { lines, texts, dir } = problemsOf(edit(NATIONAL, 'code: "03-02-001"', '      - { key: penaltyCategory, share: true, publish: true }\n', ''));
    const line = lineAfter(texts[NATIONAL], 'code: "03-02-001"', '    fields:');
    expect(lines).toEqual([
      `${join(dir, NATIONAL)}:${line} item 03-02-001 field penaltyCategory at fields: missing: every field of record kind PENALTY needs a rule; add { key: penaltyCategory, share: …, publish: … }`,
    ]);
  });

  it('names the file, line, item and field of a field the record kind does not have', () => {
    const { lines, texts, dir } = problemsOf(edit(NATIONAL, 'code: "03-02-001"', 'key: remarks,', 'key: remark,'));
    const line = lineAfter(texts[NATIONAL], 'code: "03-02-001"', 'key: remark,');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/item 03-02-001 field remarks at fields: missing/);
    expect(lines[1]).toBe(`${join(dir, NATIONAL)}:${line} item 03-02-001 field remark at key: not a field of record kind PENALTY; fields still without a rule: remarks`);
  });

  it('names the line of a duplicated item code and where it was first used', () => {
    const { lines, texts, dir } = problemsOf(edit(NATIONAL, 'code: "03-02-001"', 'code: "03-02-002"', 'code: "03-02-001"'));
    const first = lineAfter(texts[NATIONAL], 'items:', 'code: "03-02-001"');
    const second = lineAfter(texts[NATIONAL], 'name: 市场监管领域行政处罚信息', 'code: "03-02-001"');
    expect(lines).toContain(`${join(dir, NATIONAL)}:${second} item 03-02-001 at code: duplicate code; already used by the entry on line ${first}`);
  });

  it('names the item and the position of a share purpose missing from the vocabulary', () => {
    const { lines, texts, dir } = problemsOf(edit(NATIONAL, 'code: "03-02-002"', 'CREDIT_SUPERVISION,', 'CREDIT_POLICING,'));
    const line = lineAfter(texts[NATIONAL], 'code: "03-02-002"', 'purposes:');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^${escape(join(dir, NATIONAL))}:${line} item 03-02-002 at share\\.purposes\\[3\\]: unknown purpose CREDIT_POLICING; expected one of ADMIN_LICENSING_REVIEW, `));
  });

  it('refuses a list standard consulted on for 20 days', () => {
    const { lines, texts, dir } = problemsOf(edit(LIST_TYPES, 'code: SAMR_SERIOUS_VIOLATION', 'to: "2021-03-31"', 'to: "2021-03-20"'));
    const line = lineAfter(texts[LIST_TYPES], 'code: SAMR_SERIOUS_VIOLATION', 'commentPeriod:');
    expect(lines).toEqual([
      `${join(dir, LIST_TYPES)}:${line} list type SAMR_SERIOUS_VIOLATION at standard.commentPeriod: comment period 2021-03-01..2021-03-20 is 20 days; 49号 四(七) requires at least 30`,
    ]);
  });

  it('refuses an address field marked publishable', () => {
    const { lines, texts, dir } = problemsOf(edit(NATIONAL, 'code: "01-01-001"', 'key: address, share: true, publish: false', 'key: address, share: true, publish: true'));
    const line = lineAfter(texts[NATIONAL], 'code: "01-01-001"', 'key: address');
    expect(lines).toEqual([`${join(dir, NATIONAL)}:${line} item 01-01-001 field address at publish: ADDRESS data is never published; set publish: false`]);
  });

  it('refuses natural persons published masked without a basis', () => {
    const { lines, texts, dir } = problemsOf(edit(NATIONAL, 'code: "02-01-001"', 'naturalPersonsBasis: 《', 'naturalPersonsBasis: null # 《'));
    const line = lineAfter(texts[NATIONAL], 'code: "02-01-001"', 'naturalPersonsBasis:');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^${escape(join(dir, NATIONAL))}:${line} item 02-01-001 at publish\\.naturalPersonsBasis: natural persons are published \\(masked\\) without a basis`));
  });

  it('reports a YAML syntax error at its line and still checks the other files alone', () => {
    const { lines, texts, dir } = problemsOf((t) => {
      t['purposes.yaml'] = replaceAfter(t['purposes.yaml'], 'code: AUDIT', 'name: 查询使用审查', 'name: [查询使用审查');
      t[LIST_TYPES] = replaceAfter(t[LIST_TYPES], 'code: SAMR_SERIOUS_VIOLATION', 'to: "2021-03-31"', 'to: "2021-03-20"');
    });
    const line = lineAfter(texts['purposes.yaml'], 'code: AUDIT', 'description:');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(new RegExp(`^${escape(join(dir, 'purposes.yaml'))}:${line}: YAML syntax error`));
    expect(lines[1]).toMatch(/serious-list-types\.yaml:\d+ list type SAMR_SERIOUS_VIOLATION at standard\.commentPeriod: comment period/);
  });

  it('lists every problem of every file in one error, one per line', () => {
    const { lines } = problemsOf((t) => {
      edit(NATIONAL, 'code: "01-01-001"', 'key: phone, share: true, publish: false', 'key: phone, share: true, publish: false, extra: 1')(t);
      edit(NATIONAL, 'code: "03-02-003"', 'scope: PUBLIC', 'scope: PUBLISHED')(t);
      edit('measures-2024.yaml', 'code: RESTRICT_EXIT', 'listTypes: [COURT_DEFAULTER,', 'listTypes: [COURT_DEBTOR,')(t);
      edit('local-shenzhen-2023.yaml', 'items:', 'code: "SZ-09-001"', 'code: "09-01-001"')(t);
    });
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/local-shenzhen-2023\.yaml:\d+ item 09-01-001 at code: repeats item 09-01-001 of base catalog national-2024/);
    expect(lines[1]).toMatch(/measures-2024\.yaml:\d+ measure RESTRICT_EXIT at appliesTo\.listTypes\[0\]: unknown list type COURT_DEBTOR/);
    expect(lines[2]).toMatch(/national-base-2024\.yaml:\d+ item 01-01-001 field phone at extra: unknown key "extra"/);
    expect(lines[3]).toMatch(/national-base-2024\.yaml:\d+ item 03-02-003 at publish\.scope: Invalid discriminator value\. Expected 'NONE' \| 'ON_REQUEST' \| 'PUBLIC'/);
  });

  it('names the line of a measure no entry of agency-powers.yaml gives implementers', () => {
    const { lines, texts, dir } = problemsOf(edit(POWERS, 'code: RESTRICT_EXIT', 'code: RESTRICT_EXIT', 'code: RESTRICT_EXIT_TO_BE'));
    const measureLine = lineAfter(texts[MEASURES], 'measures:', 'code: RESTRICT_EXIT');
    expect(lines).toEqual([
      `${join(dir, MEASURES)}:${measureLine} measure RESTRICT_EXIT at code: no implementers for measure RESTRICT_EXIT in ${POWERS}; name the department systems that implement it (49号 五(九))`,
    ]);
  });

  it('names the line of a measure added to a list without its implementers', () => {
    const { lines, texts, dir } = problemsOf((t) => {
      t[MEASURES] += [
        '  - code: RESTRICT_CHILDREN_SCHOOLING',
        '    name: 限制其子女就读重点学校',
        '    category: RIGHTS_REDUCTION',
        '    legalBasis: [某区联席会议纪要]',
        '    implementer: 教育部门',
        '    targets: 失信主体',
        '    appliesTo: { severities: [SERIOUS], listTypes: [] }',
        '',
      ].join('\n');
    });
    const line = lineAfter(texts[MEASURES], 'measures:', 'code: RESTRICT_CHILDREN_SCHOOLING');
    expect(lines).toEqual([
      `${join(dir, MEASURES)}:${line} measure RESTRICT_CHILDREN_SCHOOLING at code: no implementers for measure RESTRICT_CHILDREN_SCHOOLING in ${POWERS}; name the department systems that implement it (49号 五(九))`,
    ]);
  });

  it('accepts implementers given ahead of the measures-list version that will add the measure', () => {
    const { dir } = catalogDir((t) => {
      t[POWERS] += '  - code: RESTRICT_NEW_MEASURE\n    systems: [SAMR]\n';
    });
    expect(loadCatalogBundle(dir).measureImplementers.get('RESTRICT_NEW_MEASURE')).toEqual(['SAMR']);
  });

  it('refuses a list type without its field of serious dishonesty under 国发〔2016〕33号', () => {
    const { lines } = problemsOf(edit(LIST_TYPES, 'code: MAJOR_TAX_VIOLATION', '      fields: [MARKET_AND_SOCIAL_ORDER]\n', ''));
    // The list type is refused, so the catalog item it held is reported as holding no list type too.
    expect(lines).toContainEqual(expect.stringMatching(/serious-list-types\.yaml:\d+ list type MAJOR_TAX_VIOLATION at category33\.fields: missing "fields"; expected array/));
    const { lines: unknown } = problemsOf(edit(LIST_TYPES, 'code: MAJOR_TAX_VIOLATION', 'fields: [MARKET_AND_SOCIAL_ORDER]', 'fields: [TAX]'));
    expect(unknown).toContainEqual(expect.stringMatching(/list type MAJOR_TAX_VIOLATION at category33\.fields\[0\]: .*HEALTH_AND_LIFE_SAFETY.*\(got "TAX"\)/));
  });

  it('refuses a regime after the first that does not say how it treats records decided before it', () => {
    const { lines } = problemsOf(edit('publication-regimes.yaml', 'code: NDRC_ORDER_36', '      treatment: KEEP_DECISION_DATE_REGIME\n', ''));
    expect(lines).toEqual([expect.stringMatching(/publication-regimes\.yaml:\d+ regime NDRC_ORDER_36 at earlierRecords\.treatment: /)]);
    const { lines: missing } = problemsOf((texts) => {
      texts['publication-regimes.yaml'] = texts['publication-regimes.yaml'].replace(/    earlierRecords:\n      treatment: KEEP_DECISION_DATE_REGIME\n      basis:\n(        - .*\n)+/g, '');
    });
    expect(missing).toEqual(['NDRC_2019_527', 'NDRC_ORDER_58', 'NDRC_ORDER_36'].map((code) =>
      expect.stringMatching(new RegExp(`regime ${code} at earlierRecords: regime ${code} must say whether records decided before`))));
  });

  it('refuses publication regimes that overlap', () => {
    const { lines } = problemsOf(edit('publication-regimes.yaml', 'code: NDRC_ORDER_58', 'validTo: "2026-03-31"', 'validTo: "2026-04-01"'));
    expect(lines).toEqual([expect.stringMatching(/publication-regimes\.yaml:\d+ regime NDRC_ORDER_36 at validFrom: overlaps regime NDRC_ORDER_58/)]);
  });
});

describe('validateBundle', () => {
  it('checks data built in memory, naming file, item and field without lines', () => {
    const texts = shippedTexts();
    const sources = Object.entries(texts).map(([file, text]) => ({ file, data: parse(text) as unknown }));
    const national = sources.find((s) => s.file === NATIONAL)!.data as { items: { code: string; fields: { key: string }[] }[] };
    national.items[0].fields = national.items[0].fields.filter((f) => f.key !== 'uscc');
    const result = validateBundle(sources);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems.map(formatProblem)).toEqual([
      `${NATIONAL} item 01-01-001 field uscc at fields: missing: every field of record kind REGISTRATION needs a rule; add { key: uscc, share: …, publish: … }`,
    ]);
  });

  it('builds the bundle from valid data', () => {
    const sources = Object.entries(shippedTexts()).map(([file, text]) => ({ file, data: parse(text) as unknown }));
    const result = validateBundle(sources);
    expect(result.ok && result.bundle.catalogs).toHaveLength(2);
  });

  it('says which kind of file is missing from the bundle', () => {
    const sources = Object.entries(shippedTexts())
      .filter(([file]) => file !== 'purposes.yaml')
      .map(([file, text]) => ({ file, data: parse(text) as unknown }));
    const result = validateBundle(sources);
    expect(!result.ok && result.problems.map(formatProblem)).toEqual(['catalog bundle: no file with kind: PURPOSES; the bundle needs exactly one']);
  });

  it("says so when the agencies' powers are missing", () => {
    const sources = Object.entries(shippedTexts())
      .filter(([file]) => file !== POWERS)
      .map(([file, text]) => ({ file, data: parse(text) as unknown }));
    const result = validateBundle(sources);
    expect(!result.ok && result.problems.map(formatProblem)).toEqual(['catalog bundle: no file with kind: AGENCY_POWERS; the bundle needs at least one']);
  });

  it("exposes each measure's implementers on the bundle", () => {
    const sources = Object.entries(shippedTexts()).map(([file, text]) => ({ file, data: parse(text) as unknown }));
    const result = validateBundle(sources);
    expect(result.ok && result.bundle.measureImplementers.get('RISK_BASED_PRICING')).toEqual(['BANK']);
  });
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
