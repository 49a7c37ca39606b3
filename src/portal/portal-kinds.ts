/**
 * The portal's profile sections and record kinds, generated at start-up from the record-kind
 * descriptors and served as a browser module (js/record-kinds.js) beside the static files: the
 * sections in portal order with the GraphQL types each holds, and per type its title templates
 * and the fields the portal asks for and shows. A kind added to the descriptors appears on the
 * portal without editing its scripts.
 *
 * The portal asks only for what the public can be shown: the fields the report prints that some
 * publicly published item of the catalog publishes (ID numbers, remarks and contact data never
 * are, so they are not asked for). A catalog published later takes effect at the next start.
 */
import type { CatalogBundle } from '../catalog/catalog.bundle';
import { descriptorOf, profileSections, STORED_RECORD_KINDS } from '../catalog/record-kind.descriptors';
import type { RecordFieldSpec, RecordFieldType, StoredRecordKind } from '../catalog/record-kinds';
import { printedFields } from '../report/report-query';

/** Path of the generated module under the versioned asset prefix. */
export const KINDS_MODULE = 'js/record-kinds.js';

interface PortalField {
  readonly key: string;
  readonly label: string;
  readonly type: RecordFieldType;
}

/** Keys of each kind's fields that a PUBLIC item of the bundle publishes. */
function publishedKeys(bundle: CatalogBundle): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const item of bundle.catalogs.flatMap((c) => c.items)) {
    if (item.publish.scope !== 'PUBLIC') continue;
    const keys = out.get(item.recordKind) ?? new Set<string>();
    for (const f of item.fields) if (f.publish) keys.add(f.key);
    out.set(item.recordKind, keys);
  }
  return out;
}

/** The label as the portal prints it: amounts carry their unit in the value (e.g. 20 万元). */
function portalField(spec: RecordFieldSpec): PortalField {
  const label = spec.type === 'DECIMAL' ? spec.label.replace(/（万元）$/, '') : spec.label;
  return { key: spec.key, label, type: spec.type };
}

function kindsData(bundle: CatalogBundle): Record<string, { title: unknown; fields: PortalField[] }> {
  const published = publishedKeys(bundle);
  const entry = (kind: StoredRecordKind) => {
    const d = descriptorOf(kind);
    const keys = published.get(kind) ?? new Set<string>();
    return [d.typeName, { title: d.portalTitle, fields: printedFields(kind).filter((f) => keys.has(f.key)).map(portalField) }] as const;
  };
  return Object.fromEntries(STORED_RECORD_KINDS.map(entry));
}

export function sectionsData() {
  return profileSections().map(({ key, spec, kinds }) => ({
    key, title: spec.title, empty: spec.empty, kinds: kinds.map((k) => descriptorOf(k).typeName),
  }));
}

/** The text of js/record-kinds.js for this catalog. */
export function portalKindsModule(bundle: CatalogBundle): string {
  return [
    '// Generated at start-up from the record-kind descriptors (src/portal/portal-kinds.ts).',
    '',
    '/** Profile sections in portal order: key in CreditProfile, heading, empty text, the GraphQL types it holds. */',
    `export const SECTIONS = ${JSON.stringify(sectionsData(), null, 2)};`,
    '',
    '/** Per GraphQL record type: title templates (first whose {fields} are all present) and the published fields. */',
    `export const KINDS = ${JSON.stringify(kindsData(bundle), null, 2)};`,
    '',
  ].join('\n');
}
