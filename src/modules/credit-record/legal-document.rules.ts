/**
 * Does a legally effective document fit the catalog item its record is made under (49号 二(二))?
 * Its kind must be one the item's `basisDocument` names, its issuer of the named kind, and an
 * OTHER_STATUTORY instrument must carry a structured reference to the law naming it. Pure.
 */
import type { BasisDocument, IssuerKind, LegalDocumentKind } from '../../catalog/catalog.schema';
import type { LegalBasisLevel } from '../../catalog/legal-basis.schema';

/** A structured citation of the instrument providing for a document (article optional). */
export interface StatutoryReference {
  readonly level: LegalBasisLevel;
  readonly title: string;
  readonly article?: string | null;
}

/** The kinds of body the agency registry holds (src/db/schema/enums.ts AGENCY_KINDS). */
export type RegisteredKind = 'DEPARTMENT' | 'COURT' | 'PARTNER' | 'PLATFORM';

const REGISTERED: Readonly<Record<RegisteredKind, IssuerKind | undefined>> = {
  DEPARTMENT: 'ADMINISTRATIVE_ORGAN', COURT: 'COURT', PARTNER: undefined, PLATFORM: undefined,
};

// Names as the organisation laws form them, a trailing "（…）" note allowed: 人民法院 (人民法院组织法),
// 仲裁委员会 (仲裁法 第十条), and the endings of administrative organs' names (…局, …厅, …委员会, 财政部, 海关…).
const NOTE = '(（[^）]*）|\\([^)]*\\))?$';
const COURT_NAME = new RegExp(`法院${NOTE}`);
const ARBITRATION_NAME = new RegExp(`仲裁(委员会|院)${NOTE}`);
const ORGAN_NAME = new RegExp(`(局|厅|委员会|委|部|署|办公室|人民政府|海关|大队|支队|派出所|税务所)${NOTE}`);

/** The issuer's kind: the registry's when it names a registered agency, else read from the name; undefined when neither tells. */
export function issuerKindOf(issuer: string, registered: RegisteredKind | undefined): IssuerKind | undefined {
  if (registered) return REGISTERED[registered];
  if (COURT_NAME.test(issuer)) return 'COURT';
  if (ARBITRATION_NAME.test(issuer)) return 'ARBITRATION_COMMISSION';
  if (ORGAN_NAME.test(issuer)) return 'ADMINISTRATIVE_ORGAN';
  return undefined;
}

const ISSUER_NAMES: Readonly<Record<IssuerKind, string>> = {
  ADMINISTRATIVE_ORGAN: 'an administrative organ (行政机关)', COURT: "a people's court", ARBITRATION_COMMISSION: 'an arbitration commission',
};

/** Why the document cannot carry a record of this item; undefined when it can. */
export function basisDocumentProblem(
  item: { code: string; name: string; basisDocument?: BasisDocument },
  doc: { kind: LegalDocumentKind; issuer: string },
  issuerKind: IssuerKind | undefined,
): string | undefined {
  const rule = item.basisDocument;
  if (!rule) return `item ${item.code} states no basis document in the catalog, so no document can be checked against it`;
  const by = `(${rule.basis[0]})`;
  if (!rule.kinds.includes(doc.kind)) {
    return `item ${item.code} (${item.name}) rests on ${rule.kinds.join(' or ')}, not ${doc.kind} ${by}`;
  }
  if (issuerKind !== rule.issuer) {
    const is = issuerKind ? `is ${ISSUER_NAMES[issuerKind]}` : 'is neither a registered agency nor named as an administrative organ, court or arbitration commission';
    return `item ${item.code} (${item.name}) rests on a document issued by ${ISSUER_NAMES[rule.issuer]}; ${doc.issuer} ${is} ${by}`;
  }
  return undefined;
}

const TITLE = /^《[^《》]{2,}》$/;
const ARTICLE = /^第[一二三四五六七八九十百千零〇两\d]+条/;

/** An OTHER_STATUTORY document names the instrument providing for it: 《title》, level, article if any. */
export function statutoryReferenceProblem(ref: StatutoryReference | null | undefined): string | undefined {
  if (!ref) return 'an OTHER_STATUTORY document needs statutoryReference { level, title, article }: the law, regulation or central policy that provides for it';
  if (!TITLE.test(ref.title.trim())) return `statutoryReference.title ${JSON.stringify(ref.title)} is not the title of an instrument; write it as 《…》, e.g. 《企业信息公示暂行条例》`;
  if (ref.article !== undefined && ref.article !== null && !ARTICLE.test(ref.article.trim())) {
    return `statutoryReference.article ${JSON.stringify(ref.article)} is not an article; write it as 第十七条 (or leave it out when the whole instrument provides for the document)`;
  }
  return undefined;
}
