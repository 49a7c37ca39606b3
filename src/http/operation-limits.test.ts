import { ConfigError, loadConfig } from '../config';
import { DEFAULT_OPERATION_LIMITS } from './operation-limits';

const keys = { ID_HMAC_KEY: '11'.repeat(32), ID_ENCRYPTION_KEY: '22'.repeat(32), JWT_SECRET: 'x'.repeat(40), ACCESS_LOG_KEY: '44'.repeat(32), ACCESS_LOG_SIGNING_KEY: '5a'.repeat(32) };

describe('operation-limit configuration', () => {
  it('defaults to the documented limits, with introspection and GraphiQL open outside production', () => {
    const c = loadConfig({ ...keys, NODE_ENV: 'development' });
    expect(c.limits).toEqual(DEFAULT_OPERATION_LIMITS);
    expect({ introspection: c.introspection, graphiql: c.graphiql }).toEqual({ introspection: 'all', graphiql: true });
  });

  it('derives introspection for token holders only, and no GraphiQL, from NODE_ENV=production', () => {
    const c = loadConfig({ ...keys, NODE_ENV: 'production' });
    expect({ introspection: c.introspection, graphiql: c.graphiql }).toEqual({ introspection: 'authenticated', graphiql: false });
  });

  it('lets INTROSPECTION and GRAPHIQL override the derived rule', () => {
    const c = loadConfig({ ...keys, NODE_ENV: 'production', INTROSPECTION: 'off', GRAPHIQL: 'true' });
    expect({ introspection: c.introspection, graphiql: c.graphiql }).toEqual({ introspection: 'off', graphiql: true });
  });

  it('reads every LIMIT_ variable', () => {
    const c = loadConfig({
      ...keys, LIMIT_BODY_BYTES: '2048', LIMIT_QUERY_LENGTH: '1000', LIMIT_TOKENS: '60', LIMIT_DEPTH: '3', LIMIT_ALIASES: '0',
      LIMIT_DIRECTIVES: '1', LIMIT_COST: '100', LIMIT_RECURSIVE_SELECTIONS: '50', LIMIT_EXECUTION_MS: '250',
      LIMIT_INTROSPECTION_DEPTH: '6',
    });
    expect(c.limits).toEqual({ bodyBytes: 2048, queryLength: 1000, tokens: 60, depth: 3, aliases: 0, directives: 1, cost: 100, recursiveSelections: 50, executionMs: 250, introspectionDepth: 6 });
  });

  it('lists every bad limit at once', () => {
    const load = () => loadConfig({ ...keys, LIMIT_DEPTH: '1', LIMIT_TOKENS: 'many', INTROSPECTION: 'sometimes' });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(/LIMIT_TOKENS[\s\S]*LIMIT_DEPTH|LIMIT_DEPTH[\s\S]*LIMIT_TOKENS/);
    expect(load).toThrow(/INTROSPECTION/);
  });
});
