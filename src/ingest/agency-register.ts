/**
 * An agency as a row of the agency register describes it, checked against what the rest of the
 * system reads from it: a level and kind of the registry's enums, a GB/T 2260 region code whose
 * shape fits the level (province xx0000, prefecture xxxx00, county and township a county code;
 * national bodies 100000), a department system the catalog, the powers or the registry already
 * know (a new system would provide nothing and implement nothing), and a code that, when it is
 * shaped SYSTEM_REGION, agrees with both. Pure.
 */
import { AGENCY_KINDS, AGENCY_LEVELS } from '../db/schema/enums';
import { validateUscc } from '../identifiers';
import type { AgencyRowIn } from './register.repo';
import { problem } from './row-mapping';

const LEVEL_NAMES: Readonly<Record<string, (typeof AGENCY_LEVELS)[number]>> = {
  国家: 'NATIONAL', 国家级: 'NATIONAL', 中央: 'NATIONAL', 省: 'PROVINCE', 省级: 'PROVINCE', 市: 'PREFECTURE', 市级: 'PREFECTURE', 地市级: 'PREFECTURE',
  县: 'COUNTY', 县级: 'COUNTY', 区县级: 'COUNTY', 乡: 'TOWNSHIP', 乡镇: 'TOWNSHIP', 乡级: 'TOWNSHIP',
};
const KIND_NAMES: Readonly<Record<string, (typeof AGENCY_KINDS)[number]>> = {
  部门: 'DEPARTMENT', 行政机关: 'DEPARTMENT', 法院: 'COURT', 人民法院: 'COURT', 合作机构: 'PARTNER', 信用平台: 'PLATFORM', 信用牵头部门: 'PLATFORM',
};

/** GB/T 2260 province-level codes (the first two digits of every division code). */
const PROVINCES = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37', '41', '42', '43', '44', '45', '46',
  '50', '51', '52', '53', '54', '61', '62', '63', '64', '65', '71', '81', '82',
]);

/** Why a region code does not fit a level; undefined when it does. */
export function regionProblem(level: (typeof AGENCY_LEVELS)[number], code: string): string | undefined {
  if (!/^\d{6}$/.test(code)) return `行政区划代码 ${code} is not a GB/T 2260 code (six digits)`;
  if (level === 'NATIONAL') return code === '100000' ? undefined : `a national body's region is 100000, not ${code}`;
  if (!PROVINCES.has(code.slice(0, 2))) return `${code} does not begin with a GB/T 2260 province code`;
  const shape = level === 'PROVINCE' ? /^\d{2}0000$/ : level === 'PREFECTURE' ? /^\d{2}(?!00)\d{2}00$/ : /^\d{4}(?!00)\d{2}$/;
  return shape.test(code) ? undefined : `${code} is not the code of a ${level === 'PROVINCE' ? 'province (xx0000)' : level === 'PREFECTURE' ? 'prefecture (xxxx00)' : 'county (its own six digits, not ending 00)'}, as a ${level} agency's region must be`;
}

const enumOf = <T extends string>(target: string, text: string | undefined, values: readonly T[], names: Readonly<Record<string, T>>, label: string): T => {
  if (!text) throw problem(target, 'BAD_USER_INPUT', `${label} is required and is blank or absent`);
  const value = names[text] ?? text.toUpperCase();
  if (!(values as readonly string[]).includes(value)) throw problem(target, 'BAD_USER_INPUT', `${label} "${text}" is not one of ${[...Object.keys(names), ...values].join(', ')}`);
  return value as T;
};

export function draftAgency(v: Readonly<Partial<Record<'code' | 'name' | 'uscc' | 'level' | 'kind' | 'system' | 'regionCode', string>>>, knownSystems: ReadonlySet<string>): AgencyRowIn {
  const code = v.code?.trim() ?? '';
  if (!/^[A-Z][A-Z0-9_]{0,63}$/.test(code)) throw problem('code', 'BAD_USER_INPUT', `机关代码 "${code}" must be capital letters, digits and _ (e.g. SAMR_320106)`);
  const name = v.name?.trim();
  if (!name) throw problem('name', 'BAD_USER_INPUT', '机关名称 is required and is blank or absent');
  if ([...name].length > 200) throw problem('name', 'BAD_USER_INPUT', '机关名称 is longer than 200 characters');
  const level = enumOf('level', v.level?.trim(), AGENCY_LEVELS, LEVEL_NAMES, '层级');
  const kind = enumOf('kind', v.kind?.trim(), AGENCY_KINDS, KIND_NAMES, '类别');
  const system = v.system?.trim() ?? '';
  if (!knownSystems.has(system)) {
    throw problem('system', 'BAD_USER_INPUT', `系统 "${system}" is not a department system the catalog (providers), the agencies' powers or the registry know; known: ${[...knownSystems].sort().join(', ')}`);
  }
  const regionCode = v.regionCode?.trim() ?? '';
  const regional = regionProblem(level, regionCode);
  if (regional) throw problem('regionCode', 'BAD_USER_INPUT', regional);
  const shaped = /^([A-Z][A-Z0-9_]*)_(\d{6})$/.exec(code);
  if (shaped && (shaped[1] !== system || shaped[2] !== regionCode)) {
    throw problem('code', 'BAD_USER_INPUT', `机关代码 ${code} reads as system ${shaped[1]} at region ${shaped[2]}, but the row says ${system} at ${regionCode}`);
  }
  let uscc: string | null = null;
  if (v.uscc?.trim()) {
    const check = validateUscc(v.uscc);
    if (!check.ok) throw problem('uscc', 'INVALID_USCC', check.message);
    uscc = check.code;
  }
  return { code, uscc, name, level, kind, system, regionCode };
}
