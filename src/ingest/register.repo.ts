/**
 * RegisterRepo: the set-based statements that enter registers — subjects and agencies — one JSON
 * parameter per batch (as ImportRepo), on PGlite and PostgreSQL alike. A natural person's number
 * arrives here only as the vault's hash and ciphertext.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../db/database';

/** A subject row as written: the draft's facts, the person's number sealed. */
export interface SubjectRow {
  readonly kind: string;
  readonly uscc: string | null;
  readonly idNumberHash: string | null;
  readonly idNumberCipher: string | null;
  readonly name: string;
  readonly regionCode: string;
  readonly legalRepresentative: string | null;
  readonly entityType: string | null;
  /** Null: not stated (a new subject is 存续, a person 正常; a registered one keeps its own). */
  readonly status: string | null;
  readonly establishedOn: string | null;
  readonly registeredCapital: string | null;
  readonly address: string | null;
  readonly registrationAuthority: string | null;
  readonly businessScope: string | null;
}

/** A stored subject as a register import compares it. */
export interface StoredSubject extends Omit<SubjectRow, 'idNumberCipher'> {
  readonly id: number;
}

export interface AgencyRowIn {
  readonly code: string; readonly uscc: string | null; readonly name: string; readonly level: string; readonly kind: string; readonly system: string; readonly regionCode: string;
}

const json = (rows: unknown[]) => sql`${JSON.stringify(rows)}::jsonb`;

async function rowsOf<T>(db: Queryable, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows?: T[] } | T[];
  const rows = (Array.isArray(result) ? result : result.rows ?? []) as Array<Record<string, unknown>>;
  for (const row of rows) if (typeof row.id === 'string' || typeof row.id === 'bigint') row.id = Number(row.id);
  return rows as T[];
}

const SUBJECT_COLUMNS = sql`s.id, s.kind::text AS kind, s.uscc, s.id_number_hash AS "idNumberHash", s.name, s.region_code AS "regionCode",
  s.legal_representative AS "legalRepresentative", s.entity_type AS "entityType", s.status, s.established_on::text AS "establishedOn",
  s.registered_capital::text AS "registeredCapital", s.address, s.registration_authority AS "registrationAuthority", s.business_scope AS "businessScope"`;

const SUBJECT_RECORDSET = sql`x(kind text, uscc text, "idNumberHash" text, "idNumberCipher" text, name text, "regionCode" text,
  "legalRepresentative" text, "entityType" text, status text, "establishedOn" date, "registeredCapital" numeric, address text,
  "registrationAuthority" text, "businessScope" text)`;

export class RegisterRepo {
  constructor(private readonly db: Queryable) {}

  /** Subjects by USCC and by ID-number hash (hex). */
  async subjects(usccs: readonly string[], hashes: readonly string[]): Promise<StoredSubject[]> {
    if (usccs.length === 0 && hashes.length === 0) return [];
    return rowsOf<StoredSubject>(this.db, sql`SELECT ${SUBJECT_COLUMNS} FROM subjects s
      WHERE s.uscc IN (SELECT k FROM jsonb_array_elements_text(${json([...usccs])}) AS k)
         OR s.id_number_hash IN (SELECT k FROM jsonb_array_elements_text(${json([...hashes])}) AS k)`);
  }

  /**
   * Inserts the subjects not yet registered; returns those inserted. One registered meanwhile by
   * another writer is skipped (the unique keys), and the caller finds it with `subjects`.
   */
  async insertSubjects(rows: readonly SubjectRow[]): Promise<Array<{ id: number; uscc: string | null; idNumberHash: string | null }>> {
    if (rows.length === 0) return [];
    return rowsOf(this.db, sql`INSERT INTO subjects (kind, uscc, id_number_hash, id_number_cipher, name, region_code, legal_representative,
        entity_type, status, established_on, registered_capital, address, registration_authority, business_scope)
      SELECT x.kind::subject_kind, x.uscc, x."idNumberHash", x."idNumberCipher", x.name, x."regionCode", x."legalRepresentative",
        x."entityType", COALESCE(x.status, CASE WHEN x.kind = 'NATURAL_PERSON' THEN '正常' ELSE '存续' END), x."establishedOn", x."registeredCapital", x.address, x."registrationAuthority", x."businessScope"
      FROM jsonb_to_recordset(${json([...rows])}) AS ${SUBJECT_RECORDSET}
      ON CONFLICT DO NOTHING
      RETURNING id, uscc, id_number_hash AS "idNumberHash"`);
  }

  /** Brings registered subjects to the register's current facts (name, status, address…), by id; a fact not given is kept. */
  async updateSubjects(rows: ReadonlyArray<SubjectRow & { id: number }>): Promise<void> {
    if (rows.length === 0) return;
    await this.db.execute(sql`UPDATE subjects s SET name = x.name, legal_representative = COALESCE(x."legalRepresentative", s.legal_representative),
        entity_type = COALESCE(x."entityType", s.entity_type), status = COALESCE(x.status, s.status), established_on = COALESCE(x."establishedOn", s.established_on),
        registered_capital = COALESCE(x."registeredCapital", s.registered_capital), address = COALESCE(x.address, s.address),
        registration_authority = COALESCE(x."registrationAuthority", s.registration_authority), business_scope = COALESCE(x."businessScope", s.business_scope),
        updated_at = now()
      FROM jsonb_to_recordset(${json([...rows])}) AS x(id bigint, name text, "legalRepresentative" text, "entityType" text, status text,
        "establishedOn" date, "registeredCapital" numeric, address text, "registrationAuthority" text, "businessScope" text)
      WHERE s.id = x.id`);
  }

  async agencies(): Promise<AgencyRowIn[]> {
    return rowsOf<AgencyRowIn>(this.db, sql`SELECT code, uscc, name, level::text AS level, kind::text AS kind, system, region_code AS "regionCode" FROM agencies`);
  }

  /** Enters new agencies and brings known ones to the file's name and code. */
  async upsertAgencies(rows: readonly AgencyRowIn[]): Promise<void> {
    if (rows.length === 0) return;
    await this.db.execute(sql`INSERT INTO agencies (code, uscc, name, level, kind, system, region_code)
      SELECT x.code, x.uscc, x.name, x.level::agency_level, x.kind::agency_kind, x.system, x."regionCode"
      FROM jsonb_to_recordset(${json([...rows])}) AS x(code text, uscc text, name text, level text, kind text, system text, "regionCode" text)
      ON CONFLICT (code) DO UPDATE SET name = excluded.name, uscc = COALESCE(excluded.uscc, agencies.uscc)`);
  }
}
