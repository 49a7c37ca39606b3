/**
 * Who acts and who is recorded: agencies (identifying departments, courts, partners) and
 * credit subjects. Natural persons' ID numbers are never stored in clear: an HMAC for
 * exact lookup and an AES-GCM ciphertext for authorised display (src/identifiers).
 */
import { sql } from 'drizzle-orm';
import {
  bigint, check, date, index, numeric, pgTable, text, timestamp, uniqueIndex,
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
    // Bigram index: keyword search by any part of a name (portal search, W3 benchmark).
    // Chinese names have no word boundaries and the common keywords are two characters
    // (城市, 行业), which a trigram index cannot serve; every keyword of 2+ characters is
    // contained only in names holding all of its character pairs. subject_name_grams() is
    // created by migration 0005, before this index.
    index('subjects_name_grams').using('gin', sql`subject_name_grams(${t.name})`),
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
