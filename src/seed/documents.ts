/**
 * Legal documents and their numbers (文号). Each agency numbers its documents per series and
 * year, as real offices do (宁市监处罚〔2025〕123号; court cases （2024）苏0106执1234号), so
 * (issuer, number) is unique by construction and numbers read naturally.
 */
import type { legalDocuments } from '../db/schema';
import type { DemoAgency } from './agencies';

export type LegalDocumentRow = typeof legalDocuments.$inferInsert;
export type DocumentKind = LegalDocumentRow['kind'];

/** The series word of an administrative document number, by series and agency system. */
const SERIES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  PENALTY: {
    SAMR: '市监处罚', STA: '税罚', MEE: '环罚', MOF: '财购罚', MPS: '公罚', CNIPA: '知罚',
    SZ_TRAFFIC_POLICE: '罚', SZ_TRANSPORT: '交罚', SZ_HOUSING: '建罚',
  },
  LICENCE: { SAMR: '市监许', MEE: '环许', CNIPA: '知许' },
  ANOMALY: { SAMR: '市监异列' },
  LISTING: { SAMR: '市监严列', STA: '税重列', MOF: '财购罚' },
};

export class DocumentNumbers {
  private readonly next = new Map<string, number>();

  private counter(key: string): number {
    const n = (this.next.get(key) ?? 0) + 1;
    this.next.set(key, n);
    return n;
  }

  /** 宁市监处罚〔2025〕123号 */
  administrative(agency: DemoAgency, series: keyof typeof SERIES, date: string): string {
    const year = date.slice(0, 4);
    const word = SERIES[series]![agency.system] ?? (series === 'LICENCE' ? '许' : '罚');
    return `${agency.abbr}${word}〔${year}〕${this.counter(`${agency.code}|${series}|${year}`)}号`;
  }

  /** （2024）苏0106执1234号 (enforcement) or （2023）苏0106民初567号 (first-instance civil). */
  court(agency: DemoAgency, series: '执' | '民初', date: string): string {
    const year = date.slice(0, 4);
    return `（${year}）${agency.abbr}${series}${this.counter(`${agency.code}|${series}|${year}`)}号`;
  }
}

export interface DocumentSpec {
  readonly kind: DocumentKind;
  readonly number: string;
  readonly title: string;
  readonly issuer: DemoAgency;
  readonly effectiveOn: string;
  /** Required for OTHER_STATUTORY: the law naming the instrument. */
  readonly statutoryBasis?: string | null;
}

export function documentRow(id: number, spec: DocumentSpec): LegalDocumentRow {
  return {
    id,
    kind: spec.kind,
    number: spec.number,
    title: spec.title,
    issuerName: spec.issuer.name,
    issuerAgencyCode: spec.issuer.code,
    effectiveOn: spec.effectiveOn,
    statutoryBasis: spec.statutoryBasis ?? null,
  };
}
