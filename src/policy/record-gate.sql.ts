/**
 * The SQL form of the record gate: the WHERE clause every credit-record query applies, so a
 * list never carries a row the viewer may not see (counts and pagination leak nothing).
 * Built from the same `RecordGate` values that `passesGate` evaluates in JavaScript.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { SubjectKind } from '../catalog/catalog.schema';
import { creditRecords, subjects } from '../db/schema';
import type { DisclosurePolicy } from './disclosure';
import type { PolicyItem } from './policy-item';
import type { RecordGate } from './record-gate';

const KINDS: readonly SubjectKind[] = ['LEGAL_PERSON', 'INDIVIDUAL_BUSINESS', 'NATURAL_PERSON'];

function conditionOf(gate: Extract<RecordGate, { open: true }>, today: string): SQL[] {
  const parts: SQL[] = [];
  if (gate.hideDeleted) parts.push(sql`${creditRecords.repairTreatment} IS DISTINCT FROM 'DELETED'`);
  if (gate.activeOnly) parts.push(sql`${creditRecords.status} = 'ACTIVE'`);
  if (gate.publishedOnly) {
    parts.push(
      sql`${creditRecords.publishFrom} <= ${today} AND (${creditRecords.publishUntil} IS NULL OR ${creditRecords.publishUntil} >= ${today})`,
    );
  }
  if (gate.retainedSince !== undefined) parts.push(sql`${creditRecords.decisionDate} >= ${gate.retainedSince}`);
  return parts;
}

/**
 * WHERE clause over credit_records joined to subjects (the subject's kind decides the gate).
 * Items sharing a gate are grouped into one `catalog_item_id = ANY(...)` branch.
 */
export function visibleRecordsWhere(policy: DisclosurePolicy, items: readonly PolicyItem[], ownSubjectId?: number): SQL {
  const branches = new Map<string, { own: boolean; kind: SubjectKind; gate: Extract<RecordGate, { open: true }>; ids: number[] }>();
  const owns = ownSubjectId === undefined ? [false] : [false, true];
  for (const own of owns) {
    for (const kind of KINDS) {
      for (const item of items) {
        const gate = policy.gate(item, kind, own);
        if (!gate.open) continue;
        const key = JSON.stringify([own, kind, gate]);
        const branch = branches.get(key) ?? { own, kind, gate, ids: [] };
        branch.ids.push(item.id);
        branches.set(key, branch);
      }
    }
  }
  if (branches.size === 0) return sql`FALSE`;
  const today = policy.viewer.today;
  const ors = [...branches.values()].map(({ own, kind, gate, ids }) => {
    const parts = [
      sql`${creditRecords.catalogItemId} IN (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})`,
      sql`${subjects.kind} = ${kind}`,
      ...(own ? [sql`${creditRecords.subjectId} = ${ownSubjectId}`] : []),
      ...(!own && ownSubjectId !== undefined ? [sql`${creditRecords.subjectId} <> ${ownSubjectId}`] : []),
      ...conditionOf(gate, today),
    ];
    return sql`(${sql.join(parts, sql` AND `)})`;
  });
  return sql`(${sql.join(ors, sql` OR `)})`;
}
