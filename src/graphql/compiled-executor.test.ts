/**
 * The compiled executor's own rules, on a small schema: a document is compiled on its second
 * use and then reused; one used once never is; an abstract type resolved asynchronously stops
 * the start-up. (That compiled answers equal the interpreter's on the real schema is
 * test/integration/compiled-executor.test.ts.)
 */
import { GraphQLInterfaceType, GraphQLObjectType, GraphQLSchema, GraphQLString, parse, type DocumentNode } from 'graphql';
import { compileQuery } from 'graphql-jit';
import { assertSynchronousTypeResolution, compiledExecutorGateway } from './compiled-executor';

const Named = new GraphQLInterfaceType({ name: 'Named', fields: { name: { type: GraphQLString } }, resolveType: () => 'Person' });
const Person = new GraphQLObjectType({ name: 'Person', interfaces: [Named], fields: { name: { type: GraphQLString } } });
const schema = new GraphQLSchema({
  types: [Person],
  query: new GraphQLObjectType({
    name: 'Query',
    fields: {
      hello: { type: GraphQLString, args: { to: { type: GraphQLString } }, resolve: (_r, args: { to?: string }) => `hello ${args.to ?? 'world'}` },
      someone: { type: Named, resolve: () => ({ name: 'Ann' }) },
    },
  }),
});

async function executorOf(compileOnUse?: number) {
  const compile = jest.fn(compileQuery) as unknown as typeof compileQuery & jest.Mock;
  const gateway = compiledExecutorGateway(schema, { compile, ...(compileOnUse ? { compileOnUse } : {}) });
  const { executor } = await gateway.load({ apollo: {} as never });
  const run = (document: DocumentNode, variables: Record<string, unknown> = {}) =>
    executor!({ document, operationName: null, request: { variables }, context: {} } as never);
  return { compile, run };
}

describe('compiledExecutorGateway', () => {
  it('compiles a document on its second use and reuses it after', async () => {
    const { compile, run } = await executorOf();
    const doc = parse('query($to: String) { hello(to: $to) someone { __typename name } }');
    const first = await run(doc, { to: 'Li' });
    expect(compile).not.toHaveBeenCalled();
    const second = await run(doc, { to: 'Li' });
    expect(compile).toHaveBeenCalledTimes(1);
    const third = await run(doc, { to: 'Wang' });
    expect(compile).toHaveBeenCalledTimes(1);
    expect(first).toEqual({ data: { hello: 'hello Li', someone: { __typename: 'Person', name: 'Ann' } } });
    expect(second).toEqual(first);
    expect(third).toEqual({ data: { hello: 'hello Wang', someone: { __typename: 'Person', name: 'Ann' } } });
  });

  it('never compiles a document used once', async () => {
    const { compile, run } = await executorOf();
    for (let i = 0; i < 5; i++) await run(parse(`{ hello(to: "n${i}") }`));
    expect(compile).not.toHaveBeenCalled();
  });

  it('answers refused variables as graphql-js does, compiled or not', async () => {
    const { compile, run } = await executorOf(1);
    const doc = parse('query($to: String) { hello(to: $to) }');
    const result = await run(doc, { to: { not: 'a string' } });
    expect(compile).toHaveBeenCalledTimes(1);
    expect(result.data).toBeUndefined();
    expect(result.errors?.[0]?.message).toBe('Variable "$to" got invalid value { not: "a string" }; String cannot represent a non string value: { not: "a string" }');
  });

  it('refuses a schema whose abstract type resolves asynchronously', () => {
    const Async = new GraphQLInterfaceType({ name: 'Async', fields: { name: { type: GraphQLString } }, resolveType: async () => 'Thing' });
    const Thing = new GraphQLObjectType({ name: 'Thing', interfaces: [Async], fields: { name: { type: GraphQLString } } });
    const bad = new GraphQLSchema({ types: [Thing], query: new GraphQLObjectType({ name: 'Query', fields: { thing: { type: Async } } }) });
    expect(() => assertSynchronousTypeResolution(bad)).toThrow(/asynchronous on: Async/);
    expect(() => assertSynchronousTypeResolution(schema)).not.toThrow();
  });
});
