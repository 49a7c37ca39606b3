/**
 * A subject as a register row (or a 双公示 row's respondent columns) describes it, checked: who it
 * is (a GB 32100 code or a GB 11643 number, never both), its kind (from the code: registration
 * authority 9 with category 2 is an individual business, 个体工商户; other codes organisations; a
 * number a natural person), its region (the code's or number's GB/T 2260 division) and the
 * register's facts. Pure; the number stays in memory and is sealed by the vault when written.
 */
import type { SubjectKind } from '../catalog/catalog.schema';
import { validateResidentId, validateUscc } from '../identifiers';
import { legalDate } from '../time/legal-date';
import { checkDateText } from '../modules/credit-record/record-fields.validate';
import { normaliseDate, problem } from './row-mapping';
import type { SubjectRow } from './register.repo';

/** A register row as validated: the stored row's facts, with a natural person's number still in clear. */
export interface SubjectDraft extends Omit<SubjectRow, 'kind' | 'idNumberHash' | 'idNumberCipher'> {
  readonly kind: SubjectKind;
  /** A natural person's number in clear: only ever handed to the vault. */
  readonly idNumber: string | null;
}

/** The register's facts a draft carries, for comparing a re-import with what is stored. */
export const REGISTER_FACTS = [
  'name', 'legalRepresentative', 'entityType', 'status', 'establishedOn', 'registeredCapital', 'address', 'registrationAuthority', 'businessScope',
] as const satisfies readonly (keyof SubjectDraft)[];

export interface SubjectValues {
  readonly uscc?: string;
  readonly idNumber?: string;
  readonly name?: string;
  /** 行政相对人类别 (LEGAL_PERSON…) or the register's 类型 text (有限责任公司, 个体工商户…). */
  readonly category?: string;
  readonly entityType?: string;
  readonly legalRepresentative?: string;
  readonly address?: string;
  readonly establishedOn?: string;
  readonly registrationAuthority?: string;
  readonly status?: string;
  readonly registeredCapital?: string;
  readonly businessScope?: string;
}

const LIMITS: Readonly<Partial<Record<keyof SubjectValues, number>>> = { name: 200, legalRepresentative: 100, entityType: 100, address: 300, registrationAuthority: 200, status: 50, businessScope: 4000 };

/** 注册资本 as registers write it: 100, 100万元, 100万人民币, 1,000.5万元 → the 万元 decimal. */
function capitalOf(text: string): string {
  const plain = text.replace(/,/g, '').replace(/\s+/g, '').replace(/万(元)?(人民币)?$/, '').replace(/^人民币/, '');
  if (!/^\d{1,14}(\.\d{1,4})?$/.test(plain)) {
    throw problem('registeredCapital', 'BAD_USER_INPUT', `注册资本 ${JSON.stringify(text)} is not an amount in 万元 (write 100 or 100万元)`);
  }
  return plain;
}

function kindOf(values: SubjectValues, code: { authority: string; category: string } | undefined): SubjectKind {
  if (!code) return 'NATURAL_PERSON';
  const business = code.authority === '9' && code.category === '2';
  const kind: SubjectKind = business ? 'INDIVIDUAL_BUSINESS' : 'LEGAL_PERSON';
  const stated = values.category;
  if (stated === 'NATURAL_PERSON') {
    throw problem('category', 'BAD_USER_INPUT', 'the row names a natural person but gives a unified social credit code; a natural person is named by 证件号码');
  }
  const statedBusiness = stated === 'INDIVIDUAL_BUSINESS' || (stated !== undefined && stated.includes('个体'));
  if ((statedBusiness && !business) || (stated === 'LEGAL_PERSON' && business)) {
    throw problem('category', 'BAD_USER_INPUT', `the row says ${stated}, but code ${code.authority}${code.category}… is ${business ? 'an individual business (92…)' : 'not an individual business'} (GB 32100 registration authority and category)`);
  }
  return kind;
}

/** The checked draft of a subject, or a RowProblem naming the column (targets of register-columns.ts). */
export function draftSubject(values: SubjectValues, now: Date): SubjectDraft {
  const uscc = values.uscc?.trim();
  const number = values.idNumber?.trim();
  if (Boolean(uscc) === Boolean(number)) {
    throw problem(uscc ? 'idNumber' : 'uscc', 'BAD_USER_INPUT', 'give exactly one of 统一社会信用代码 (organisations, individual businesses) or 公民身份号码 (natural persons)');
  }
  const name = values.name?.trim();
  if (!name) throw problem('name', 'BAD_USER_INPUT', '名称 (or 姓名) is required to register a subject and is blank or absent');
  for (const [key, max] of Object.entries(LIMITS) as Array<[keyof SubjectValues, number]>) {
    const v = values[key];
    if (v !== undefined && [...v].length > max) throw problem(key, 'BAD_USER_INPUT', `${key} is longer than ${max} characters`);
  }
  let code: { code: string; authority: string; category: string; divisionCode: string } | undefined;
  let idNumber: string | null = null;
  let regionCode: string;
  if (uscc) {
    const check = validateUscc(uscc);
    if (!check.ok) throw problem('uscc', 'INVALID_USCC', check.message);
    code = check;
    regionCode = check.divisionCode;
  } else {
    const check = validateResidentId(number!, now);
    if (!check.ok) throw problem('idNumber', 'INVALID_ID_NUMBER', check.message);
    idNumber = check.number;
    regionCode = check.divisionCode;
  }
  if (!/^\d{6}$/.test(regionCode)) {
    throw problem(uscc ? 'uscc' : 'idNumber', 'BAD_USER_INPUT', `the code's administrative division ${regionCode} is not a GB/T 2260 code (six digits)`);
  }
  const kind = kindOf(values, code);
  let establishedOn: string | null = null;
  if (values.establishedOn) {
    establishedOn = normaliseDate(values.establishedOn.trim());
    try {
      checkDateText('establishedOn', establishedOn);
    } catch (err) {
      throw problem('establishedOn', 'BAD_USER_INPUT', (err as Error).message);
    }
    if (establishedOn > legalDate(now)) throw problem('establishedOn', 'BAD_USER_INPUT', `成立日期 ${establishedOn} is after today`);
  }
  const text = (v: string | undefined) => (v?.trim() ? v.trim() : null);
  return {
    kind, uscc: code?.code ?? null, idNumber, name, regionCode,
    legalRepresentative: kind === 'NATURAL_PERSON' ? null : text(values.legalRepresentative),
    entityType: text(values.entityType) ?? (kind === 'INDIVIDUAL_BUSINESS' ? '个体工商户' : null),
    status: text(values.status),
    establishedOn,
    registeredCapital: values.registeredCapital?.trim() ? capitalOf(values.registeredCapital) : null,
    address: kind === 'NATURAL_PERSON' ? null : text(values.address),
    registrationAuthority: text(values.registrationAuthority),
    businessScope: text(values.businessScope),
  };
}
