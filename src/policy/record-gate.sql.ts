/**
 * The SQL form of the record gate: the WHERE clause every credit-record query applies, so a
 * list never carries a row the viewer may not see (counts and pagination leak nothing).
 * Built from the same `RecordGate` values that `passesGate` evaluates in JavaScript.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { SubjectKind } from '../catalog/catalog.schema';
import { consents, creditRecords, subjects } from '../db/schema';
import type { DisclosurePolicy } from './disclosure';
import type { PolicyItem } from '../catalog/policy-item';
import type { GateScope, OpenGate, RecordGate } from './record-gate';

const KINDS: readonly SubjectKind[] = ['LEGAL_PERSON', 'INDIVIDUAL_BUSINESS', 'NATURAL_PERSON'];

/**
 * One tier of a gate as SQL sees it: the gate's own conditions, the scope it takes, and the
 * scopes of the tiers before it, which it does not take (a record goes to the first tier whose
 * scope holds it, as gateFor picks in JavaScript).
 */
interface Tier {
  readonly gate: Omit<OpenGate, 'otherwise' | 'scope'>;
  readonly scope?: GateScope;
  readonly excluded: readonly GateScope[];
}

function tiersOf(gate: RecordGate, excluded: readonly GateScope[] = []): Tier[] {
  if (!gate.open) return [];
  const { otherwise, scope, ...own } = gate;
  const tier: Tier = { gate: own, scope, excluded };
  if (!scope || !otherwise) return [tier];
  return [tier, ...tiersOf(otherwise, [...excluded, scope])];
}

const codeList = (codes: readonly string[]) => sql.join(codes.map((c) => sql`${c}`), sql`, `);

function scopeCondition(scope: GateScope): SQL {
  const parts: SQL[] = [];
  if (scope.recordedBy) parts.push(sql`${creditRecords.agencyCode} IN (${codeList(scope.recordedBy)})`);
  if (scope.subjectArea !== undefined) parts.push(sql`starts_with(${subjects.regionCode}, ${scope.subjectArea})`);
  return parts.length ? sql`(${sql.join(parts, sql` AND `)})` : sql`TRUE`;
}

function conditionOf(tier: Tier, today: string, at: SQL): SQL[] {
  const { gate } = tier;
  const parts: SQL[] = [];
  if (tier.scope) parts.push(scopeCondition(tier.scope));
  for (const scope of tier.excluded) parts.push(sql`NOT ${scopeCondition(scope)}`);
  if (gate.hideDeleted) parts.push(sql`${creditRecords.repairTreatment} IS DISTINCT FROM 'DELETED'`);
  if (gate.activeOnly) parts.push(sql`${creditRecords.status} = 'ACTIVE'`);
  if (gate.publishedOnly) {
    parts.push(
      sql`${creditRecords.publishFrom} <= ${today} AND (${creditRecords.publishUntil} IS NULL OR ${creditRecords.publishUntil} >= ${today})`,
    );
  }
  if (gate.retainedSince !== undefined) parts.push(sql`${creditRecords.decisionDate} >= ${gate.retainedSince}`);
  if (gate.consent) {
    const c = gate.consent;
    // The same test as ConsentRepo.live, at the same instant (`at`, the request's clock).
    parts.push(sql`EXISTS (SELECT 1 FROM ${consents} WHERE ${consents.subjectId} = ${creditRecords.subjectId}
      AND ${consents.granteeAgencyCode} = ${c.agencyCode} AND ${c.purpose} = ANY(${consents.purposes})
      AND ${c.itemCode} = ANY(${consents.itemCodes}) AND ${consents.grantedAt} <= ${at}
      AND ${consents.expiresAt} > ${at} AND (${consents.revokedAt} IS NULL OR ${consents.revokedAt} > ${at}))`);
  }
  return parts;
}

/**
 * WHERE clause over credit_records joined to subjects (the subject's kind decides the gate).
 * Items sharing a gate tier are grouped into one `catalog_item_id IN (...)` branch. `at` is
 * the request's instant for consent checks: a placeholder in prepared statements (the
 * statement outlives the request), a value otherwise.
 */
export function visibleRecordsWhere(policy: DisclosurePolicy, items: readonly PolicyItem[], ownSubjectId: number | undefined, at: SQL): SQL {
  const branches = new Map<string, { own: boolean; kind: SubjectKind; tier: Tier; ids: number[] }>();
  const owns = ownSubjectId === undefined ? [false] : [false, true];
  for (const own of owns) {
    for (const kind of KINDS) {
      for (const item of items) {
        for (const tier of tiersOf(policy.gate(item, kind, own))) {
          const key = JSON.stringify([own, kind, tier]);
          const branch = branches.get(key) ?? { own, kind, tier, ids: [] };
          branch.ids.push(item.id);
          branches.set(key, branch);
        }
      }
    }
  }
  if (branches.size === 0) return sql`FALSE`;
  const today = policy.viewer.today;
  const ors = [...branches.values()].map(({ own, kind, tier, ids }) => {
    const parts = [
      sql`${creditRecords.catalogItemId} IN (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})`,
      sql`${subjects.kind} = ${kind}`,
      ...(own ? [sql`${creditRecords.subjectId} = ${ownSubjectId}`] : []),
      ...(!own && ownSubjectId !== undefined ? [sql`${creditRecords.subjectId} <> ${ownSubjectId}`] : []),
      ...conditionOf(tier, today, at),
    ];
    return sql`(${sql.join(parts, sql` AND `)})`;
  });
  return sql`(${sql.join(ors, sql` OR `)})`;
}

/** `at` for a prepared statement: bound at execution as the `at` parameter (an ISO timestamp). */
export const AT_PLACEHOLDER: SQL = sql`${sql.placeholder('at')}::timestamptz`;

/** `at` for a statement built for one request. */
export function atValue(now: Date): SQL {
  return sql`${now.toISOString()}::timestamptz`;
}
