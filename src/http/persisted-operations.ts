/**
 * Optional allow-list of persisted operations for PARTNER tokens. When configured
 * (PERSISTED_OPERATIONS_FILE), a partner's request must name a registered operation by its
 * sha256 — Apollo's `extensions.persistedQuery.sha256Hash` or a plain `id` — and runs the
 * registered document, never text of its own. Other roles are unaffected. The point: a
 * leaked partner token can run only the handful of queries the partner's system was built
 * around, not arbitrary harvesting queries.
 *
 * File format (JSON): { "partners": { "<sha256>": "<document>" },
 *                      "agencies": { "<agency code>": { "<sha256>": "<document>" } } }
 * `partners` holds operations every partner may run; `agencies` those of one agency only.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parse } from 'graphql';
import { z } from 'zod';
import type { Principal } from '../auth/principal';
import { appError } from '../errors';

const operationMap = z.record(z.string(), z.string().min(1));
const fileSchema = z.object({ partners: operationMap.default({}), agencies: z.record(z.string(), operationMap).default({}) });

export const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

export class PersistedOperations {
  constructor(
    private readonly forAll: ReadonlyMap<string, string>,
    private readonly byAgency: ReadonlyMap<string, ReadonlyMap<string, string>>,
  ) {}

  /** The registered document, if `hash` is allowed for the agency. */
  lookup(agencyCode: string | undefined, hash: string): string | undefined {
    return this.forAll.get(hash) ?? (agencyCode ? this.byAgency.get(agencyCode)?.get(hash) : undefined);
  }
}

/** Builds the allow-list, checking every key is its document's sha256 and every document parses. */
export function buildPersistedOperations(data: unknown, source = 'persisted operations'): PersistedOperations {
  const parsed = fileSchema.safeParse(data);
  if (!parsed.success) throw new Error(`${source}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const problems: string[] = [];
  const check = (where: string, ops: Record<string, string>) => {
    for (const [hash, doc] of Object.entries(ops)) {
      if (sha256Hex(doc) !== hash.toLowerCase()) problems.push(`${where}.${hash}: key is not the sha256 of its document (${sha256Hex(doc)})`);
      try {
        parse(doc);
      } catch (err) {
        problems.push(`${where}.${hash}: ${(err as Error).message}`);
      }
    }
    return new Map(Object.entries(ops).map(([h, d]) => [h.toLowerCase(), d]));
  };
  const forAll = check('partners', parsed.data.partners);
  const byAgency = new Map(Object.entries(parsed.data.agencies).map(([code, ops]) => [code, check(`agencies.${code}`, ops)]));
  if (problems.length) throw new Error(`${source}:\n  - ${problems.join('\n  - ')}`);
  return new PersistedOperations(forAll, byAgency);
}

export function loadPersistedOperations(file: string): PersistedOperations {
  return buildPersistedOperations(JSON.parse(readFileSync(file, 'utf8')), file);
}

type Body = Record<string, unknown>;

function jsonParam(value: string | null): Body | undefined {
  if (!value) return undefined;
  try {
    const v = JSON.parse(value);
    return v && typeof v === 'object' ? v : undefined;
  } catch {
    return undefined;
  }
}

function requestedHash(fields: { id?: unknown; extensions?: unknown }): string | undefined {
  const pq = (fields.extensions as { persistedQuery?: { sha256Hash?: unknown } } | undefined)?.persistedQuery;
  const hash = pq?.sha256Hash ?? fields.id;
  return typeof hash === 'string' && hash ? hash.toLowerCase() : undefined;
}

const notAllowed = (message: string) => appError('OPERATION_NOT_ALLOWED', message);

/**
 * For a partner under an allow-list: the request rewritten to run the registered document
 * (POST body or GET search string), or OPERATION_NOT_ALLOWED. Anyone else: unchanged.
 */
export function applyAllowList(
  ops: PersistedOperations | undefined,
  principal: Principal,
  body: unknown,
  search: string,
): { body: unknown; search: string } {
  if (!ops || principal.role !== 'PARTNER') return { body, search };
  const params = new URLSearchParams(search);
  const fromBody = body !== undefined;
  if (fromBody && (Array.isArray(body) || typeof body !== 'object' || body === null)) {
    throw notAllowed('partners send one registered operation per request; batches are not accepted');
  }
  const fields: Body = fromBody
    ? (body as Body)
    : { id: params.get('id') ?? undefined, extensions: jsonParam(params.get('extensions')), query: params.get('query') ?? undefined };
  const hash = requestedHash(fields);
  if (!hash) {
    throw notAllowed('this partner may run registered operations only: send extensions.persistedQuery.sha256Hash (or id) of a registered operation');
  }
  const document = ops.lookup(principal.agencyCode, hash);
  if (!document) throw notAllowed(`operation ${hash} is not registered for agency ${principal.agencyCode ?? '(none)'}`);
  if (typeof fields.query === 'string' && fields.query && sha256Hex(fields.query) !== hash) {
    throw notAllowed('the query text sent does not match the registered operation it names');
  }
  if (fromBody) {
    const { variables, operationName } = body as Body;
    const rewritten: Body = { query: document };
    if (variables !== undefined) rewritten.variables = variables;
    if (operationName !== undefined) rewritten.operationName = operationName;
    return { body: rewritten, search };
  }
  params.delete('id');
  params.delete('extensions');
  params.set('query', document);
  return { body, search: `?${params.toString()}` };
}
