/**
 * Shape of the data-sharing agreements (共享协议): which agencies may receive shared credit
 * information, for which declared purposes, covering which catalog items, on which legal
 * basis, for how long. The purpose an agency declares in X-Purpose must come from one of its
 * agreements in force (49号 三(三), 七(十三)); an item it reads by sharing must be covered by
 * that agreement as well as shared by the catalog for that purpose.
 */
import { z } from 'zod';
import { isoDate, itemCode, systemCode, text, uniqueList, versionId, vocabCode } from './catalog.schema';
import { LegalBasisSchema } from './legal-basis.schema';

/** Agency kinds as the agencies table knows them (src/db/schema/enums.ts). */
export const GRANTEE_KINDS = ['DEPARTMENT', 'COURT', 'PARTNER', 'PLATFORM'] as const;

export { LEGAL_BASIS_LEVELS, LegalBasisSchema, type LegalBasis, type LegalBasisLevel } from './legal-basis.schema';

const agencyCode = z.string().regex(/^[A-Z][A-Z0-9_]*$/, 'expected an agency code such as JS_PRTC');
const regionCode = z.string().regex(/^\d{2}(\d{2}(\d{2})?)?$/, 'expected a GB/T 2260 region prefix: 2, 4 or 6 digits');

/**
 * Who the agreement is with. `agencies` names agencies; otherwise every agency of `systems`
 * (and `kinds`), optionally only those located inside `region` (a GB/T 2260 prefix: 32 = 江苏).
 */
export const GranteeSchema = z
  .strictObject({
    agencies: uniqueList(agencyCode).optional(),
    systems: uniqueList(systemCode).optional(),
    kinds: uniqueList(z.enum(GRANTEE_KINDS)).optional(),
    region: regionCode.optional(),
  })
  .refine((g) => g.agencies !== undefined || g.systems !== undefined || g.kinds !== undefined, {
    message: 'name the grantee: agencies, or systems and/or kinds',
  });
export type Grantee = z.infer<typeof GranteeSchema>;

export const AgreementSchema = z
  .strictObject({
    code: vocabCode,
    name: text,
    grantee: GranteeSchema,
    /** Purposes the grantee may declare under this agreement (AGENCY purposes of purposes.yaml). */
    purposes: uniqueList(vocabCode),
    /** Catalog items covered, by code and/or by category; `all: true` covers every item. */
    covers: z
      .strictObject({
        all: z.boolean().optional(),
        items: uniqueList(itemCode).optional(),
        categories: uniqueList(vocabCode).optional(),
      })
      .refine((c) => c.all === true || c.items !== undefined || c.categories !== undefined, {
        message: 'name what the agreement covers: all: true, items or categories',
      }),
    /**
     * ANY: subjects wherever registered. GRANTEE_AREA: only subjects registered inside the
     * grantee's own area (its level and region) — a regulator supervises its own territory;
     * about anyone else it is one of the public.
     */
    subjects: z.enum(['ANY', 'GRANTEE_AREA']).default('ANY'),
    legalBasis: z.array(LegalBasisSchema).min(1, 'expected at least one legal basis'),
    validFrom: isoDate,
    /** Last day in force; null = until terminated. */
    validUntil: isoDate.nullable(),
  })
  .refine((a) => a.validUntil === null || a.validUntil >= a.validFrom, { message: 'validUntil is before validFrom', path: ['validUntil'] });
export type Agreement = z.infer<typeof AgreementSchema>;

/**
 * A version of agreements: drafted, published and retired like a catalog version, by the
 * social-credit platform whose area `region` is (national: 100000). Every grantee lies in that
 * area; an agreement is in force while its version is published and its own dates hold.
 */
export const AgreementsSchema = z.strictObject({
  kind: z.literal('SHARING_AGREEMENTS'),
  id: versionId,
  title: text,
  /** GB/T 2260 code of the issuing platform's area: 100000 national, 320000 Jiangsu, 440300 Shenzhen. */
  region: z.string().regex(/^\d{6}$/, 'expected a 6-digit GB/T 2260 region code (100000 for national)'),
  agreements: z.array(AgreementSchema),
});

/** The region-code prefix of an area: 100000 (national) → '', 320000 → '32', 440300 → '4403', 320106 → '320106'. */
export function areaPrefix(region: string): string {
  if (region === '100000') return '';
  return region.endsWith('0000') ? region.slice(0, 2) : region.endsWith('00') ? region.slice(0, 4) : region;
}
