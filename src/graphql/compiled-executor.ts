/**
 * Executes operations with graphql-jit instead of graphql-js's interpreter: an operation sent
 * again is compiled, once, into a function over the same schema — the same resolvers, so the
 * same privacy layer (shield, the access notes, desensitising) wraps every field exactly as
 * before — and then runs without re-walking the document for every object and field.
 *
 * Apollo Server 5 has no executor option; its `gateway` interface is the one place a custom
 * executor plugs in, so this is a minimal gateway over a fixed schema. Parsing, validation
 * (the operation limits), every plugin hook and error formatting stay Apollo's.
 *
 * Compiled operations are kept per parsed document (a WeakMap): Apollo's document store hands
 * the same DocumentNode to every request with the same text, and bounds how many there are. A
 * document is compiled on its second use, not its first (CompiledExecutorOptions.compileOnUse).
 */
import type { DocumentNode, ExecutionResult, GraphQLSchema } from 'graphql';
import { execute, GraphQLError, isAbstractType, printSchema, type SourceLocation } from 'graphql';
import type { ApolloServerOptionsWithGateway } from '@apollo/server';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';

type Compiled = CompiledQuery | ExecutionResult;
type GatewayInterface = ApolloServerOptionsWithGateway<never>['gateway'];

/**
 * A field error as graphql-js's locatedError makes it. graphql-jit reports field errors in its
 * own GraphQLError look-alike, whose message is read-only and whose `extensions` is absent
 * rather than `{}` — and Apollo's error handling and its plugins (graphql-armor rewrites
 * messages in production) rely on both. Same message, locations, path and original error.
 */
function asGraphQLJsError(error: GraphQLError): GraphQLError {
  const original = error.originalError;
  if (original instanceof GraphQLError && Array.isArray(original.path)) return original;
  const located = new GraphQLError(error.message, { path: error.path, originalError: original ?? undefined });
  (located as { locations: readonly SourceLocation[] | undefined }).locations = error.locations;
  return located;
}

/**
 * graphql-jit calls an interface's or union's resolveType and reads the name it returns; it does
 * not await a promise (graphql-js does), so such a type would fail on every object. Refuse to
 * start instead. type-graphql wraps every `resolveType` option in an async function: the schema
 * installs the synchronous one after building (src/graphql/schema.ts).
 */
export function assertSynchronousTypeResolution(schema: GraphQLSchema): void {
  const asynchronous = Object.values(schema.getTypeMap())
    .filter((type) => isAbstractType(type) && type.resolveType?.constructor.name === 'AsyncFunction')
    .map((type) => type.name);
  if (asynchronous.length) {
    throw new Error(`the compiled executor needs a synchronous resolveType; asynchronous on: ${asynchronous.join(', ')} (set it after building the schema, as src/graphql/schema.ts does for CreditRecord)`);
  }
}

export interface CompiledExecutorOptions {
  /**
   * A document is compiled on this use (2: its second). Compiling costs far more than one
   * interpreted execution, so a document seen once — anything a caller makes up, one request
   * at a time — runs interpreted as it always did, and only the operations clients send again
   * and again (a portal's, a partner's registered ones) are compiled.
   */
  compileOnUse?: number;
  /** graphql-jit's compileQuery; injectable so a test can count compilations. */
  compile?: typeof compileQuery;
}

/** Per parsed document and operation name: uses so far, then the compiled form. */
interface Entry {
  uses: number;
  compiled?: Compiled;
}

export function compiledExecutorGateway(schema: GraphQLSchema, opts: CompiledExecutorOptions = {}): GatewayInterface {
  assertSynchronousTypeResolution(schema);
  const compileOnUse = opts.compileOnUse ?? 2;
  const compile = opts.compile ?? compileQuery;
  const entries = new WeakMap<DocumentNode, Map<string, Entry>>();
  /** The compiled operation once it is due; undefined while the document runs interpreted. */
  const compiledFor = (document: DocumentNode, operationName: string | null): Compiled | undefined => {
    let byName = entries.get(document);
    if (!byName) entries.set(document, byName = new Map());
    const key = operationName ?? '';
    let entry = byName.get(key);
    if (!entry) byName.set(key, entry = { uses: 0 });
    entry.uses += 1;
    if (!entry.compiled && entry.uses >= compileOnUse) entry.compiled = compile(schema, document, operationName ?? undefined);
    return entry.compiled;
  };
  return {
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: printSchema(schema) });
      return () => undefined;
    },
    async load() {
      return {
        executor: async (request) => {
          const variables = request.request.variables ?? {};
          const interpret = () => execute({ schema, document: request.document, operationName: request.operationName, contextValue: request.context, variableValues: variables });
          const query = compiledFor(request.document, request.operationName);
          if (!query || !isCompiledQuery(query)) return interpret();
          const result = await query.query(undefined, request.context, variables);
          // No data at all: the operation or its variables were refused before any resolver ran.
          // graphql-jit words those errors its own way, as errors Apollo cannot classify (a
          // variable's bad value must be a 400 BAD_USER_INPUT): graphql-js answers them instead,
          // refusing the same way, so the client gets exactly the interpreter's errors.
          if (result.errors?.length && !('data' in result && result.data !== undefined)) return interpret();
          return result.errors?.length ? { ...result, errors: result.errors.map(asGraphQLJsError) } : result as ExecutionResult;
        },
      };
    },
    async stop() {},
  };
}
