/**
 * Rules a catalog file must satisfy on its own: every record-kind field given a disclosure rule
 * exactly once, field rules consistent with the item's scopes, and the privacy rules of
 * 49号 三(四) and DESIGN §7 that hold whatever the other files say.
 */
import type { CatalogItemInput } from './catalog.schema';
import { type ParsedDocument, type Report, reporterFor } from './catalog.documents';
import type { ProblemSink } from './catalog.problems';
import type { PathKey } from './catalog.source';
import { type PersonalDataKind, recordKindFields } from './record-kinds';

/** Never published, whatever a catalog says (DESIGN §7; the disclosure-formats schema pins them too). */
export const NEVER_PUBLISHED_KINDS: readonly PersonalDataKind[] = ['ADDRESS', 'BANK_ACCOUNT', 'HEALTH'];


export function checkCatalogItems(p: ParsedDocument & { kind: 'BASE_CATALOG' | 'SUPPLEMENTARY_CATALOG' }, sink: ProblemSink): void {
  const report = reporterFor(p, sink);
  p.doc.items.forEach((item, k) => {
    const at: PathKey[] = ['items', p.origin[k]];
    checkFields(item, at, report);
    checkPublication(item, at, report);
    checkDishonesty(item, at, report);
  });
}

function checkFields(item: CatalogItemInput, at: PathKey[], report: Report): void {
  const specs = recordKindFields(item.recordKind);
  const byKey = new Map(specs.map((s) => [s.key, s]));
  const seen = new Set<string>();
  item.fields.forEach((f, j) => {
    const fieldAt = [...at, 'fields', j];
    const spec = byKey.get(f.key);
    if (!spec) {
      const expected = specs.map((s) => s.key).filter((k) => !item.fields.some((g) => g.key === k));
      report([...fieldAt, 'key'], `not a field of record kind ${item.recordKind}` +
        (expected.length ? `; fields still without a rule: ${expected.join(', ')}` : `; remove it`));
      return;
    }
    if (seen.has(f.key)) {
      report(fieldAt, `listed more than once; give each field of ${item.recordKind} exactly one rule`);
      return;
    }
    seen.add(f.key);
    if (spec.personal && f.personal !== spec.personal) {
      report([...fieldAt, 'personal'], `${item.recordKind}.${f.key} holds ${spec.personal} personal data; declare personal: ${spec.personal}`);
    }
    if (f.publish && f.personal && NEVER_PUBLISHED_KINDS.includes(f.personal)) {
      report([...fieldAt, 'publish'], `${f.personal} data is never published; set publish: false`);
    }
    if (f.share && item.share.scope === 'NONE') {
      report([...fieldAt, 'share'], 'the item is not shared (share.scope NONE); set share: false or give the item a share scope');
    }
    if (f.publish && item.publish.scope === 'NONE') {
      report([...fieldAt, 'publish'], 'the item is not published (publish.scope NONE); set publish: false or give the item a publish scope');
    }
  });
  for (const spec of specs) {
    if (!seen.has(spec.key)) {
      report([...at, 'fields'], `missing: every field of record kind ${item.recordKind} needs a rule; add { key: ${spec.key}, share: …, publish: … }`, spec.key);
    }
  }
}

function checkPublication(item: CatalogItemInput, at: PathKey[], report: Report): void {
  const hasNaturalPersons = item.subjectKinds.includes('NATURAL_PERSON');
  const personal = hasNaturalPersons || item.fields.some((f) => f.personal !== undefined);
  if (item.personalData !== personal) {
    report([...at, 'personalData'], personal
      ? 'the item holds personal data (a natural-person subject or a personal field); set personalData: true'
      : 'no subject is a natural person and no field is personal; set personalData: false');
  }
  const publish = item.publish;
  if (publish.scope === 'NONE') return;
  const pub = [...at, 'publish'];
  if (publish.naturalPersons === 'PUBLISHED_MASKED') {
    if (!publish.naturalPersonsBasis) {
      report([...pub, 'naturalPersonsBasis'], 'natural persons are published (masked) without a basis; name the law, regulation or State Council decision that makes it lawful (49号 三(四)) or set naturalPersons: NOT_PUBLISHED');
    }
    if (!hasNaturalPersons) {
      report([...pub, 'naturalPersons'], 'no subject kind is NATURAL_PERSON; set naturalPersons: NOT_PUBLISHED');
    }
  } else {
    if (publish.naturalPersonsBasis !== null) {
      report([...pub, 'naturalPersonsBasis'], 'a basis is given but natural persons are not published; set it to null or naturalPersons: PUBLISHED_MASKED');
    }
    if (item.subjectKinds.every((k) => k === 'NATURAL_PERSON')) {
      report([...pub, 'naturalPersons'], 'the only subjects are natural persons and they are not published, so nothing is; set publish.scope: NONE');
    }
  }
  if (publish.period.basis === 'FIXED' && publish.period.minMonths > publish.period.maxMonths) {
    report([...pub, 'period', 'minMonths'], `minMonths ${publish.period.minMonths} exceeds maxMonths ${publish.period.maxMonths}`);
  }
}

function checkDishonesty(item: CatalogItemInput, at: PathKey[], report: Report): void {
  if (!item.dishonesty) {
    if (item.leniency) report([...at, 'leniency'], 'leniency (49号 八(十六)) applies to dishonesty information only; remove it or set dishonesty: true');
    if (item.repairable) report([...at, 'repairable'], 'only dishonesty information is repaired; set repairable: false');
    if (item.basisDocument) report([...at, 'basisDocument'], 'only dishonesty information must rest on a legally effective document; remove basisDocument');
    return;
  }
  if (!item.basisDocument) {
    report([...at, 'basisDocument'], 'a dishonesty item must say which documents its records rest on: basisDocument { kinds, issuer, basis } (49号 二(二))');
  }
  if (!item.leniency) {
    report([...at, 'leniency'], 'a dishonesty item must state its treatment of MINOR_SUBJECT, FORCE_MAJEURE, NOT_INTENTIONAL and MINOR_BREACH (49号 八(十六))');
    return;
  }
  const period = item.publish.scope === 'NONE' ? undefined : item.publish.period.basis;
  for (const [ground, treatment] of Object.entries(item.leniency)) {
    if (treatment === 'SHORTENED' && (period === undefined || period === 'WHILE_VALID')) {
      report([...at, 'leniency', ground], 'SHORTENED needs a publication period with bounds (REGIME or FIXED); use NOT_PUBLISHED or NONE');
    }
    if (treatment === 'NOT_PUBLISHED' && period === undefined) {
      report([...at, 'leniency', ground], 'the item is not published anyway; use NONE or NOT_RECORDED');
    }
  }
}
