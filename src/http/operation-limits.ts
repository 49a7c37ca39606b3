/**
 * Operation limits: what one request may ask of the server. Every limit has a default a
 * portal can live with (every GraphiQL example in src/http/examples.ts passes them: see
 * test/security/operation-limits.test.ts) and an environment variable (src/config.ts).
 *
 * Where each limit is enforced:
 * - body bytes: src/http/body.ts, before parsing (413, BODY_LIMIT);
 * - query characters and lexical tokens: `checkDocumentSize`, before Apollo parses (400);
 * - depth, aliases, directives: graphql-armor validation rules (400); aliases of
 *   `__typename` count like any other (150 of them are 150 aliases);
 * - introspection depth: `introspectionDepthRule`, for every role (400, DEPTH_LIMIT);
 * - cost: graphql-armor's rule once the operation is resolved, page-size variables written in
 *   (src/http/page-cost.ts; 400);
 * - recursive selections through fragments: Apollo's `maxRecursiveSelections` (400);
 * - execution time: src/http/execution-guards.ts (TIMEOUT).
 * Validation errors leave Apollo as GRAPHQL_VALIDATION_FAILED; src/graphql/format-error.ts
 * (`limitErrorCode`) gives them back their own code.
 */
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { ApolloServerPlugin } from '@apollo/server';
import {
  GraphQLError, Kind, Lexer, Source, TokenKind,
  type ASTVisitor, type SelectionSetNode, type ValidationContext, type ValidationRule,
} from 'graphql';
import { AppError, ERROR_CODES, type ErrorCode } from '../errors';
import { pageAwareCost } from './page-cost';
import type { OperationLimits } from '../config';

/** Re-exported for the handler and the limit tests, which name them by this module. */
export { DEFAULT_OPERATION_LIMITS, type OperationLimits } from '../config';

/** A graphql-armor rejection, re-issued with our code and without armor's "Syntax Error:" prefix. */
function reportAs(code: ErrorCode, hint: string) {
  return (ctx: ValidationContext | null, error: GraphQLError): void => {
    const message = `${error.message.replace(/^Syntax Error: /, '')} ${hint}`;
    ctx?.reportError(new GraphQLError(message, { extensions: { code } }));
  };
}

export interface OperationGuards {
  plugins: ApolloServerPlugin<any>[];
  validationRules: ValidationRule[];
  maxRecursiveSelections: number;
}

/**
 * graphql-armor's protections for Apollo. Its token limit is off: it throws from a plugin
 * hook instead of answering with a code; `checkDocumentSize` does that job before parsing.
 * Field suggestions ("Did you mean …") are masked in production only: they help a
 * developer and map the schema for an attacker.
 */
export function operationGuards(limits: OperationLimits, production: boolean): OperationGuards {
  const armor = new ApolloArmor({
    maxTokens: { enabled: false },
    blockFieldSuggestion: { enabled: production, mask: '' },
    maxDepth: {
      n: limits.depth, flattenFragments: true, propagateOnRejection: false,
      onReject: [reportAs(ERROR_CODES.DEPTH_LIMIT, 'Ask for the nested data in a separate request.')],
    },
    maxAliases: {
      // armor exempts __typename by default: 150 aliases of it were 150 resolver calls for free.
      n: limits.aliases, allowList: [], propagateOnRejection: false,
      onReject: [reportAs(ERROR_CODES.ALIAS_LIMIT, 'Use a list field (subjectsByCodes) or several requests.')],
    },
    maxDirectives: {
      n: limits.directives, propagateOnRejection: false,
      onReject: [reportAs(ERROR_CODES.DIRECTIVE_LIMIT, 'Remove repeated directives.')],
    },
    costLimit: { enabled: false }, // run by pageAwareCost, which sees variables
  });
  const { plugins, validationRules } = armor.protect();
  const costRule = new ApolloArmor({
    maxTokens: { enabled: false }, blockFieldSuggestion: { enabled: false }, maxDepth: { enabled: false },
    maxAliases: { enabled: false }, maxDirectives: { enabled: false },
    costLimit: {
      maxCost: limits.cost, propagateOnRejection: false,
      onReject: [reportAs(ERROR_CODES.COST_LIMIT, 'Select fewer fields, ask for smaller pages (first) or split the request.')],
    },
  }).protect().validationRules[0]!;
  return {
    plugins: [...plugins, pageAwareCost(costRule)],
    validationRules: [...validationRules, introspectionDepthRule(limits.introspectionDepth)],
    maxRecursiveSelections: limits.recursiveSelections,
  };
}

const INTROSPECTION_ROOTS = new Set(['__schema', '__type']);

/**
 * The depth limit for introspection, which graphql-armor's depth rule skips for `__schema`:
 * `__type { ofType { ofType … } }` 200 levels deep is a valid query against any schema.
 * Counts the depth of every path through an introspection field (fragments followed, a
 * fragment spread within itself is graphql-js's error, not ours), whoever asks: the gate
 * (src/http/execution-guards.ts) decides who may introspect, this how deep.
 */
export function introspectionDepthRule(max: number): ValidationRule {
  return (context: ValidationContext): ASTVisitor => {
    const depthOf = (set: SelectionSetNode, depth: number, inside: boolean, seen: Set<string>): number => {
      let deepest = 0;
      for (const sel of set.selections) {
        if (sel.kind === Kind.FIELD) {
          const intro = inside || INTROSPECTION_ROOTS.has(sel.name.value);
          if (intro) deepest = Math.max(deepest, depth + 1);
          if (sel.selectionSet) deepest = Math.max(deepest, depthOf(sel.selectionSet, depth + 1, intro, seen));
        } else if (sel.kind === Kind.INLINE_FRAGMENT) {
          deepest = Math.max(deepest, depthOf(sel.selectionSet, depth, inside, seen));
        } else {
          const name = sel.name.value;
          const fragment = context.getFragment(name);
          if (!fragment || seen.has(name)) continue;
          seen.add(name);
          deepest = Math.max(deepest, depthOf(fragment.selectionSet, depth, inside, seen));
          seen.delete(name);
        }
        // Past the limit is enough to refuse; no need to walk a 10 000-level document to its end.
        if (deepest > max) return deepest;
      }
      return deepest;
    };
    return {
      OperationDefinition(node) {
        if (depthOf(node.selectionSet, 0, false, new Set()) > max) {
          context.reportError(new GraphQLError(
            `Introspection depth limit of ${max} exceeded. The full schema is published in schema/schema.graphql.`,
            { nodes: [node], extensions: { code: ERROR_CODES.DEPTH_LIMIT } },
          ));
        }
      },
    };
  };
}

/** The query document of a POST body or GET URL; undefined for batches and bodies without one. */
function queryOf(body: unknown, url: URL): string | undefined {
  if (body === undefined) return url.searchParams.get('query') ?? undefined;
  if (body && typeof body === 'object' && !Array.isArray(body)) {
    const q = (body as { query?: unknown }).query;
    return typeof q === 'string' ? q : undefined;
  }
  return undefined;
}

/**
 * Refuses a document longer than `queryLength` characters or with more than `tokens` tokens,
 * before it is parsed: the lexer stops one token past the limit.
 */
export function checkDocumentSize(body: unknown, url: URL, limits: OperationLimits): AppError | undefined {
  const query = queryOf(body, url);
  if (query === undefined) return undefined;
  if (query.length > limits.queryLength) {
    return new AppError(ERROR_CODES.QUERY_LENGTH_LIMIT,
      `the query document has ${query.length} characters; at most ${limits.queryLength} are accepted`);
  }
  const known = withinLimits.get(limits);
  if (known?.has(query)) return undefined;
  const lexer = new Lexer(new Source(query));
  let count = 0;
  try {
    while (lexer.advance().kind !== TokenKind.EOF) {
      if (++count > limits.tokens) {
        return new AppError(ERROR_CODES.TOKEN_LIMIT,
          `the query document has more than ${limits.tokens} tokens; split it or use variables and list fields`);
      }
    }
  } catch {
    return undefined; // a lexical error: the parser reports it with its position
  }
  rememberWithinLimits(limits, query);
  return undefined;
}

/**
 * Documents already counted within the token limit, per limits: a client sends the same few
 * documents over and over (variables change, the text does not), and lexing a portal's profile
 * query on every request was ~1 % of the server's CPU. Bounded; emptied when full.
 */
const withinLimits = new WeakMap<OperationLimits, Set<string>>();
const REMEMBERED_DOCUMENTS = 256;

function rememberWithinLimits(limits: OperationLimits, query: string): void {
  let known = withinLimits.get(limits);
  if (!known) withinLimits.set(limits, (known = new Set()));
  if (known.size >= REMEMBERED_DOCUMENTS) known.clear();
  known.add(query);
}
