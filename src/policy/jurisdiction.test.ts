/**
 * Jurisdiction (管辖) derived from the agencies' own facts (jurisdiction.ts): department
 * system, administrative level and GB/T 2260 region code. An agency answers for itself and
 * for the agencies of its system below it inside its area, never for peers or superiors.
 */
import { inJurisdiction, isWithin, levelRank, parentOf, regionCovers, regionPrefix, type AgencyFacts, type Level } from './jurisdiction';

const agency = (code: string, level: Level, regionCode: string, system = 'SAMR'): AgencyFacts => ({ code, system, level, kind: 'DEPARTMENT', regionCode });

const SAMR = agency('SAMR', 'NATIONAL', '100000');
const JIANGSU = agency('SAMR_320000', 'PROVINCE', '320000');
const NANJING = agency('SAMR_320100', 'PREFECTURE', '320100');
const GULOU = agency('SAMR_320106', 'COUNTY', '320106');
const XUANWU = agency('SAMR_320102', 'COUNTY', '320102');
const GULOU_TOWN = agency('SAMR_320106_T', 'TOWNSHIP', '320106');
const YANGZHOU = agency('SAMR_321000', 'PREFECTURE', '321000');
const BEIJING = agency('SAMR_110000', 'PROVINCE', '110000');
const TAX_NANJING = agency('STA_320100', 'PREFECTURE', '320100', 'STA');

describe('levels and areas', () => {
  it('ranks levels from the nation down to the township', () => {
    const order: Level[] = ['NATIONAL', 'PROVINCE', 'PREFECTURE', 'COUNTY', 'TOWNSHIP'];
    expect(order.map(levelRank)).toEqual([0, 1, 2, 3, 4]);
  });

  it.each([
    ['NATIONAL', '100000', ''],
    ['PROVINCE', '320000', '32'],
    ['PREFECTURE', '320100', '3201'],
    ['COUNTY', '320106', '320106'],
    ['TOWNSHIP', '320106', '320106'],
  ] as const)('a %s agency at %s covers region codes starting "%s"', (level, region, prefix) => {
    expect(regionPrefix(level, region)).toBe(prefix);
  });

  it('lets a province cover every city of it and a city every county of it, but not beyond', () => {
    expect(regionCovers('PROVINCE', '320000', '321002')).toBe(true);
    expect(regionCovers('PREFECTURE', '320100', '320106')).toBe(true);
    expect(regionCovers('PREFECTURE', '320100', '321002')).toBe(false);
    expect(regionCovers('COUNTY', '320106', '320102')).toBe(false);
    expect(regionCovers('NATIONAL', '100000', '650102')).toBe(true);
  });
});

describe('isWithin: the agency itself or one under it', () => {
  it.each([
    ['the agency itself', GULOU, GULOU, true],
    ['a city bureau over a county bureau of its city', NANJING, GULOU, true],
    ['a province bureau over a city of another prefecture in the province', JIANGSU, YANGZHOU, true],
    ['the national bureau over any agency of its system', SAMR, BEIJING, true],
    ['a county bureau over a township office of its county', GULOU, GULOU_TOWN, true],
    ['a township office over its county bureau', GULOU_TOWN, GULOU, false],
    ['a county bureau over its city bureau', GULOU, NANJING, false],
    ['a county bureau over another county of its city', GULOU, XUANWU, false],
    ['a city bureau over a county of another city', YANGZHOU, GULOU, false],
    ['a province bureau over another province', BEIJING, GULOU, false],
    ['the tax bureau over the market regulator of its city', TAX_NANJING, GULOU, false],
    ['two agencies of one level and region', NANJING, agency('SAMR_320100_B', 'PREFECTURE', '320100'), false],
  ])('%s → %s', (_, actor, other, within) => {
    expect(isWithin(actor, other)).toBe(within);
  });
});

describe('parentOf: the nearest superior', () => {
  const ALL = [SAMR, JIANGSU, NANJING, GULOU, XUANWU, GULOU_TOWN, YANGZHOU, BEIJING, TAX_NANJING];

  it('is the closest higher level of the system whose area holds the agency', () => {
    expect(parentOf(GULOU, ALL)).toBe(NANJING);
    expect(parentOf(NANJING, ALL)).toBe(JIANGSU);
    expect(parentOf(JIANGSU, ALL)).toBe(SAMR);
    expect(parentOf(GULOU_TOWN, ALL)).toBe(GULOU);
  });

  it('skips a missing level: a county whose city bureau is not registered answers to its province', () => {
    expect(parentOf(GULOU, ALL.filter((a) => a !== NANJING))).toBe(JIANGSU);
  });

  it('is undefined for the national body and for an agency with no superior of its system', () => {
    expect(parentOf(SAMR, ALL)).toBeUndefined();
    expect(parentOf(TAX_NANJING, ALL)).toBeUndefined();
  });
});

describe('inJurisdiction', () => {
  it('is membership of the code in the list, for one list and another', () => {
    const nanjing = ['SAMR_320100', 'SAMR_320106', 'SAMR_320102'];
    const gulou = ['SAMR_320106'];
    expect(inJurisdiction(nanjing, 'SAMR_320102')).toBe(true);
    expect(inJurisdiction(gulou, 'SAMR_320102')).toBe(false);
    expect(inJurisdiction(nanjing, 'SAMR_320102')).toBe(true);
    expect(inJurisdiction(gulou, 'SAMR_320106')).toBe(true);
  });

  it('holds nothing for an empty jurisdiction', () => {
    expect(inJurisdiction([], '')).toBe(false);
    expect(inJurisdiction([], 'SAMR')).toBe(false);
  });
});
