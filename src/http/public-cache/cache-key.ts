/**
 * Which public requests the cache may answer, under which key, depending on what. A request is
 * cacheable when it is one query operation (GET or POST) whose text is sent; its key is the
 * normalised operation (parsed and printed: spacing and comments do not split entries), the
 * operation name, the variables (keys sorted), the response media type asked for, the catalog
 * snapshot in force and today's legal date in China — everything a public answer depends on
 * besides the database. Its tags say which database changes end it (response-cache.ts): the
 * codes of the subjects it is about, REGISTRATIONS for a search of registration fields, or
 * null — across subjects — as the walk of the operation against the schema finds
 * (answer-reads.ts).
 */
import { createHash } from 'node:crypto';
import { Kind, parse, print, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode, type ValueNode } from 'graphql';
import { LRUCache } from 'lru-cache';
import { validateUscc } from '../../identifiers';
import { OPAQUE_ID_SCHEME } from '../../graphql/opaque-id';
import { version } from '../../../package.json';
import { dependenciesOf, type OperationDependencies } from './answer-reads';
import { REGISTRATIONS, type CacheTags } from './response-cache';

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

/** The tags of an answer with these dependencies, given the request's variables. */
function tagsOf(dependencies: OperationDependencies, variables: Record<string, unknown>): CacheTags {
  if (dependencies === null) return null;
  const tags = new Set<string>();
  for (const d of dependencies) {
    if (d.kind === 'registrations') {
      tags.add(REGISTRATIONS);
      continue;
    }
    const named = codesOf(d.codes, variables);
    if (!named) return null;
    for (const code of named) tags.add(code);
  }
  return [...tags];
}

/** A document as the cache knows it: printed, and its query operations' dependencies by name, found once. */
interface KnownDocument {
  readonly printed: string;
  readonly doc: DocumentNode;
  readonly operations: Map<string | undefined, { dependencies: OperationDependencies } | undefined>;
}

/**
 * Keys and tags of the public requests to one schema (the served one: its fields declare what
 * they read). Documents are remembered by their text, so a hit costs a hash, not a parse nor a walk.
 */
export class CacheKeys {
  private readonly documents = new LRUCache<string, KnownDocument | { invalid: true }>({ max: 1000 });

  constructor(private readonly schema: GraphQLSchema) {}

  /** The request's cache key and tags, or undefined when the cache should not touch it. */
  request(parts: RequestParts): CacheableRequest | undefined {
    const sent = sentOf(parts);
    if (!sent) return undefined;
    const document = this.parsed(sent.query);
    const operation = document && this.operation(document, sent.operationName);
    if (!document || !operation) return undefined;
    const key = createHash('sha256')
      .update(JSON.stringify([parts.method, parts.accept?.trim() ?? '', document.printed, sent.operationName ?? null, stable(sent.variables), parts.catalogIdentity, parts.legalDate, ANSWER_FORMAT]))
      .digest('base64url');
    return { key, tags: tagsOf(operation.dependencies, sent.variables) };
  }

  private parsed(query: string): KnownDocument | undefined {
    let known = this.documents.get(query);
    if (!known) {
      try {
        const doc = parse(query, { noLocation: true });
        known = { printed: print(doc), doc, operations: new Map() };
      } catch {
        known = { invalid: true };
      }
      this.documents.set(query, known);
    }
    return 'invalid' in known ? undefined : known;
  }

  private operation(document: KnownDocument, name: string | undefined): { dependencies: OperationDependencies } | undefined {
    if (document.operations.has(name)) return document.operations.get(name);
    const op = operationOf(document.doc, name);
    let found: { dependencies: OperationDependencies } | undefined;
    if (op) {
      try {
        found = { dependencies: dependenciesOf(this.schema, document.doc, op) };
      } catch {
        found = { dependencies: null }; // a selection too deep to walk: the server refuses it anyway
      }
    }
    // Bounded: only names the document defines are remembered, besides the one asked without a name.
    if (name === undefined || op) document.operations.set(name, found);
    return found;
  }
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
