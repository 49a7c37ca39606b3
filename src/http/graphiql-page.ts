/**
 * GraphiQL served by the server itself, with every script inlined: deployments often sit on
 * closed government networks, so the page must not reach a CDN.
 */
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';

export interface ExampleTab {
  query: string;
  variables?: string;
  headers?: string;
}

let cached: string | undefined;

export function graphiqlPage(examples: ExampleTab[]): string {
  cached ??= renderGraphiQL({
    title: '公共信用信息 GraphQL API',
    endpoint: '/graphql',
    defaultTabs: examples,
    shouldPersistHeaders: false,
  } as Parameters<typeof renderGraphiQL>[0]);
  return cached;
}
