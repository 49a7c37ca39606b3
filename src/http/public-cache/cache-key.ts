/**
 * Which public requests the cache may answer, under which key, depending on what. A request is
 * cacheable when it is one query operation (GET or POST) whose text is sent; its key is the
 * normalised operation (parsed and printed: spacing and comments do not split entries), the
 * operation name, the variables (keys sorted), the response media type asked for, the catalog
 * snapshot in force and today's legal date in China — everything a public answer depends on
 * besides the database. Its tags say which database changes end it (response-cache.ts).
 */
import { createHash } from 'node:crypto';
import { Kind, parse, print, type DocumentNode, type OperationDefinitionNode, type ValueNode } from 'graphql';
import { LRUCache } from 'lru-cache';
import { validateUscc } from '../../identifiers';
import { OPAQUE_ID_SCHEME } from '../../graphql/opaque-id';
import { version } from '../../../package.json';
import type { CacheTags } from './response-cache';

/**
 * Root fields whose answer is about the subjects their code arguments name, and nothing else:
 * a change to another subject cannot alter it. Every other root field (searches, lists,
 * counts, the catalog…) is "across subjects" and ends with any change.
 */
const ABOUT_NAMED_SUBJECTS: Readonly<Record<string, string>> = { subject: 'code', creditReport: 'code', subjectsByCodes: 'codes' };

export interface CacheableRequest {
  readonly key: string;
  readonly tags: CacheTags;
}

export interface RequestParts {
  readonly method: string;
  readonly accept: string | undefined;
  /** The parsed JSON body of a POST. */
  readonly body: unknown;
  /** The query string of a GET, with its leading '?'. */
  readonly search: string;
  /** Names the catalog snapshot in force, by its content (the same on every instance: CatalogIndex.identity). */
  readonly catalogIdentity: string;
  readonly legalDate: string;
}

interface Sent {
  query: string;
  operationName: string | undefined;
  variables: Record<string, unknown>;
}

/**
 * What else an answer depends on: the code that wrote it. Entries shared through Redis outlive
 * an instance, so during a rolling upgrade a new release must not serve an old one's answers
 * (ids in another scheme, fields computed another way): the release and the id scheme are in
 * every key, and each release reads only its own entries.
 */
export const ANSWER_FORMAT = `${version}/${OPAQUE_ID_SCHEME}`;

/** Parsed documents by their text, so a hit costs a hash, not a parse. */
const documents = new LRUCache<string, { printed: string; doc: DocumentNode } | { invalid: true }>({ max: 1000 });

function sentOf(parts: RequestParts): Sent | undefined {
  if (parts.method === 'GET') {
    const params = new URLSearchParams(parts.search);
    const query = params.get('query');
    if (!query) return undefined;
    let variables: unknown = {};
    const raw = params.get('variables');
    if (raw) {
      try {
        variables = JSON.parse(raw);
      } catch {
        return undefined; // the server's own answer says what is wrong; not worth keeping
      }
    }
    return isObject(variables) ? { query, operationName: params.get('operationName') ?? undefined, variables } : undefined;
  }
  if (parts.method !== 'POST' || !isObject(parts.body)) return undefined;
  const { query, operationName, variables } = parts.body;
  if (typeof query !== 'string' || (operationName !== undefined && operationName !== null && typeof operationName !== 'string')) return undefined;
  if (variables !== undefined && variables !== null && !isObject(variables)) return undefined;
  return { query, operationName: operationName ?? undefined, variables: (variables as Record<string, unknown> | null) ?? {} };
}

function parsed(query: string): { printed: string; doc: DocumentNode } | undefined {
  let known = documents.get(query);
  if (!known) {
    try {
      const doc = parse(query, { noLocation: true });
      known = { printed: print(doc), doc };
    } catch {
      known = { invalid: true };
    }
    documents.set(query, known);
  }
  return 'invalid' in known ? undefined : known;
}

function operationOf(doc: DocumentNode, name: string | undefined): OperationDefinitionNode | undefined {
  const ops = doc.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const op = name === undefined ? (ops.length === 1 ? ops[0] : undefined) : ops.find((o) => o.name?.value === name);
  return op?.operation === 'query' ? op : undefined;
}

/** Codes a code argument names (a literal, a variable, or a list of either); undefined when it cannot tell. */
function codesOf(value: ValueNode, variables: Record<string, unknown>): string[] | undefined {
  const resolved: unknown = value.kind === Kind.VARIABLE ? variables[value.name.value]
    : value.kind === Kind.STRING ? value.value
      : value.kind === Kind.LIST ? value.values.map((v) => (v.kind === Kind.STRING ? v.value : v.kind === Kind.VARIABLE ? variables[v.name.value] : undefined))
        : undefined;
  const list = Array.isArray(resolved) ? resolved : [resolved];
  if (list.some((c) => typeof c !== 'string')) return undefined;
  // Tagged by the code as the service reads it (normalised); a malformed one is answered with an error, never kept.
  return (list as string[]).map((c) => {
    const check = validateUscc(c);
    return check.ok ? check.code : c.trim().toUpperCase();
  });
}

/** What the operation's answer depends on: the named subjects' codes, or null (across subjects). */
export function tagsOf(op: OperationDefinitionNode, variables: Record<string, unknown>): CacheTags {
  const codes = new Set<string>();
  for (const selection of op.selectionSet.selections) {
    if (selection.kind !== Kind.FIELD) return null;
    const field = selection.name.value;
    if (field === '__typename') continue;
    const argName = ABOUT_NAMED_SUBJECTS[field];
    const arg = argName && selection.arguments?.find((a) => a.name.value === argName);
    const named = arg ? codesOf(arg.value, variables) : undefined;
    if (!named) return null;
    for (const code of named) codes.add(code);
  }
  return [...codes];
}

/** The request's cache key and tags, or undefined when the cache should not touch it. */
export function cacheableRequest(parts: RequestParts): CacheableRequest | undefined {
  const sent = sentOf(parts);
  if (!sent) return undefined;
  const document = parsed(sent.query);
  const op = document && operationOf(document.doc, sent.operationName);
  if (!document || !op) return undefined;
  const key = createHash('sha256')
    .update(JSON.stringify([parts.method, parts.accept?.trim() ?? '', document.printed, sent.operationName ?? null, stable(sent.variables), parts.catalogIdentity, parts.legalDate, ANSWER_FORMAT]))
    .digest('base64url');
  return { key, tags: tagsOf(op, sent.variables) };
}

/** JSON with object keys sorted at every level: the same variables, the same key. */
function stable(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stable);
  if (!isObject(value)) return value;
  return Object.fromEntries(Object.keys(value).sort().map((k) => [k, stable(value[k])]));
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
