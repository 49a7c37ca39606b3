/** Reading GraphQL responses in tests: the first error's code and message, data or a thrown error; opaque ids. */
import { encodeId, OPAQUE_TYPES, tryDecodeId, useOpaqueIdSecret, type OpaqueType } from '../../src/graphql/opaque-id';
import { TEST_KEYS, type GraphQLResponse } from './server';

export const codeOf = (res: GraphQLResponse) => res.body.errors?.[0]?.extensions?.code;
export const messageOf = (res: GraphQLResponse) => res.body.errors?.[0]?.message ?? '';

/** The root field's data; throws with the errors when there are any (so a test fails loudly). */
export function ok<T = any>(res: GraphQLResponse, field: string): T {
  if (res.body.errors?.length) throw new Error(`${field}: ${JSON.stringify(res.body.errors)}`);
  return res.body.data![field] as T;
}

// The test servers' key (createServer installs the same): ids made here, even before a server
// starts or for one in a child process, are the ones a test server issues and accepts.
useOpaqueIdSecret(TEST_KEYS.idHmac);

/** An opaque id as the API issues it. */
export const opaque = (type: OpaqueType, id: number) => encodeId(type, id);

/** The row id inside an opaque id of any type; throws when it is none (so a test fails loudly). */
export function rowId(id: string): number {
  for (const type of OPAQUE_TYPES) {
    const row = tryDecodeId(type, id);
    if (row !== undefined) return row;
  }
  throw new Error(`not an opaque id of this API: ${id}`);
}
