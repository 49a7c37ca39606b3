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

let cached: Buffer | undefined;

/** The page's bytes, built once: the same Buffer every time, so its compressed variants are kept (compression.ts). */
export function graphiqlPage(examples: ExampleTab[]): Buffer {
  cached ??= Buffer.from(renderGraphiQL({
    title: '公共信用信息 GraphQL API',
    endpoint: '/graphql',
    defaultTabs: examples,
    shouldPersistHeaders: false,
  } as Parameters<typeof renderGraphiQL>[0]));
  return cached;
}
