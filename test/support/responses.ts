/** Reading GraphQL responses in tests: the first error's code and message, data or a thrown error. */
import type { GraphQLResponse } from './server';

export const codeOf = (res: GraphQLResponse) => res.body.errors?.[0]?.extensions?.code;
export const messageOf = (res: GraphQLResponse) => res.body.errors?.[0]?.message ?? '';

/** The root field's data; throws with the errors when there are any (so a test fails loudly). */
export function ok<T = any>(res: GraphQLResponse, field: string): T {
  if (res.body.errors?.length) throw new Error(`${field}: ${JSON.stringify(res.body.errors)}`);
  return res.body.data![field] as T;
}

/** An opaque id as the API issues it, and the row id inside one. */
export const opaque = (type: string, id: number) => Buffer.from(`${type}:${id}`).toString('base64url');
export const rowId = (id: string) => Number(Buffer.from(id, 'base64url').toString('utf8').split(':')[1]);
