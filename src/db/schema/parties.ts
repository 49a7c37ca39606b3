/**
 * Who acts and who is recorded: agencies (identifying departments, courts, partners) and
 * credit subjects. Natural persons' ID numbers are never stored in clear: an HMAC for
 * exact lookup and an AES-GCM ciphertext for authorised display (src/identifiers).
 */
import { sql } from 'drizzle-orm';
import {
  bigint, check, date, index, numeric, pgTable, smallint, text, timestamp, uniqueIndex,
} from 'drizzle-orm/pg-core';
import { agencyKind, agencyLevel, subjectKind } from './enums';

export const agencies = pgTable(
  'agencies',
  {
    code: text('code').primaryKey(),
    uscc: text('uscc').unique(),
    name: text('name').notNull(),
    level: agencyLevel('level').notNull(),
    kind: agencyKind('kind').notNull(),
    /** The national system the agency belongs to (SAMR, STA, SPC…): matches catalog providers. */
    system: text('system').notNull(),
    regionCode: text('region_code').notNull(),
  },
  (t) => [index('agencies_system').on(t.system)],
);

export const subjects = pgTable(
  'subjects',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    kind: subjectKind('kind').notNull(),
    /** GB 32100 unified social credit code; organisations and individual businesses. */
    uscc: text('uscc'),
    /** HMAC-SHA256 (hex) of a natural person's ID number, for exact lookup. */
    idNumberHash: text('id_number_hash'),
    /** AES-256-GCM ciphertext (base64) of the same number, for authorised display. */
    idNumberCipher: text('id_number_cipher'),
    name: text('name').notNull(),
    legalRepresentative: text('legal_representative'),
    legalRepIdHash: text('legal_rep_id_hash'),
    legalRepIdCipher: text('legal_rep_id_cipher'),
    entityType: text('entity_type'),
    status: text('status').notNull().default('存续'),
    establishedOn: date('established_on', { mode: 'string' }),
    /** 注册资本, in 万元 as the 双公示 standard counts money. */
    registeredCapital: numeric('registered_capital', { precision: 18, scale: 4 }),
    address: text('address'),
    phone: text('phone'),
    registrationAuthority: text('registration_authority'),
    businessScope: text('business_scope'),
    regionCode: text('region_code').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('subjects_uscc').on(t.uscc),
    uniqueIndex('subjects_id_number_hash').on(t.idNumberHash),
    check(
      'subject_identified',
      sql`(${t.kind} = 'NATURAL_PERSON' AND ${t.idNumberHash} IS NOT NULL AND ${t.idNumberCipher} IS NOT NULL AND ${t.uscc} IS NULL)
       OR (${t.kind} <> 'NATURAL_PERSON' AND ${t.uscc} IS NOT NULL)`,
    ),
    check('subject_uscc_shape', sql`${t.uscc} IS NULL OR ${t.uscc} ~ '^[0-9A-HJ-NPQRTUWXY]{18}$'`),
    check(
      'subject_rep_id_pair',
      sql`(${t.legalRepIdHash} IS NULL) = (${t.legalRepIdCipher} IS NULL)`,
    ),
  ],
);

/**
 * The name search index: one row per pair of adjacent characters of a subject's lower-cased
 * name, with where the pair starts. A keyword of 2+ characters is in a name exactly when
 * pairs that cover it (every other pair, and the last) occur at consecutive offsets, so a
 * match is found, ranked (position, name length) and counted from this index alone. Unlike
 * the GIN index it replaces (migration 0005), a B-tree scan of one pair yields subjects in id
 * order and stops after the first matches the search caps at, instead of building a bitmap of
 * every name holding the pair (87,839 for 科技 among 1,000,000 subjects).
 *
 * Derived data: kept by the trigger on subjects (migration 0007), filled set-wise by the
 * seeding bulk load (src/db/seed/trigger-checks.ts), queried by subject_name_matches().
 */
export const subjectNamePairs = pgTable(
  'subject_name_pairs',
  {
    pair: text('pair').notNull(),
    subjectId: bigint('subject_id', { mode: 'number' }).notNull(),
    /** 1-based character position of the pair in the name. */
    pos: smallint('pos').notNull(),
    /** The name's length in characters: the search ranks shorter names first. */
    nameLength: smallint('name_length').notNull(),
    kind: subjectKind('kind').notNull(),
  },
  // Every column a search reads is in the key: index-only scans, the heap is never visited
  // once vacuum has marked its pages all-visible.
  (t) => [index('subject_name_pairs_lookup').on(t.pair, t.subjectId, t.pos, t.nameLength, t.kind)],
);
