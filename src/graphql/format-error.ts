/**
 * Error masking: client-facing errors (AppError, GraphQL syntax and validation errors) pass;
 * anything else is replaced by INTERNAL_SERVER_ERROR, so no stack, SQL or internal message
 * reaches a client. The unexpected ones are logged with the request id by
 * `errorLoggingPlugin`, where the request context is at hand.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import { GraphQLError } from 'graphql';
import { ArgumentValidationError } from 'type-graphql';
import { AppError, ERROR_CODES, type ErrorCode } from '../errors';
import type { Logger } from '../logger';
import type { RequestContext } from './context';

const CLIENT_CODES = new Set<string>([
  ...Object.values(ERROR_CODES).filter((c) => c !== ERROR_CODES.INTERNAL_SERVER_ERROR),
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

/** Codes of the limits, which the masking lets through (src/http/operation-limits.ts raises them). */
const LIMIT_CODES = new Set<string>([
  ERROR_CODES.DEPTH_LIMIT, ERROR_CODES.ALIAS_LIMIT, ERROR_CODES.DIRECTIVE_LIMIT, ERROR_CODES.COST_LIMIT,
  ERROR_CODES.SELECTION_LIMIT,
]);

/** The code a limit's validation error carries, or undefined for any other error. */
export function limitErrorCode(error: unknown): ErrorCode | undefined {
  if (!(error instanceof GraphQLError) || !(error.originalError instanceof GraphQLError)) return undefined;
  const ext = error.originalError.extensions ?? {};
  if (ext.validationErrorCode === 'MAX_RECURSIVE_SELECTIONS_EXCEEDED') return ERROR_CODES.SELECTION_LIMIT;
  // graphql-js's MaxIntrospectionDepthRule (a specified rule) carries no code of its own.
  if (error.originalError.message === 'Maximum introspection depth exceeded') return ERROR_CODES.DEPTH_LIMIT;
  return typeof ext.code === 'string' && LIMIT_CODES.has(ext.code) ? (ext.code as ErrorCode) : undefined;
}

/** True for errors written for the client; false for bugs and infrastructure failures. */
export function isClientError(error: unknown): boolean {
  const original = unwrapResolverError(error);
  if (original instanceof AppError) return true;
  if (!(error instanceof GraphQLError)) return false;
  const code = error.extensions?.code;
  // A GraphQLError wrapping a plain Error thrown in a resolver is not meant for the client.
  const wrapsBug = original !== error && original instanceof Error && !(original instanceof GraphQLError);
  return typeof code === 'string' && CLIENT_CODES.has(code) && !wrapsBug;
}

interface ValidationIssue {
  property: string;
  constraints?: Record<string, string>;
  children?: ValidationIssue[];
}

/** "first: first must not be greater than 100" for each failed class-validator constraint. */
function describeValidation(issues: readonly ValidationIssue[], prefix = ''): string[] {
  return issues.flatMap((i) => [
    ...Object.values(i.constraints ?? {}).map((c) => `${prefix}${i.property}: ${c}`),
    ...describeValidation(i.children ?? [], `${prefix}${i.property}.`),
  ]);
}

export function createFormatError(exposeStack: boolean) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const { stacktrace, ...extensions } = formatted.extensions ?? {};
    const original = unwrapResolverError(error);
    if (original instanceof ArgumentValidationError) {
      // type-graphql's generic "Argument Validation Error" becomes the specific reasons.
      const issues = describeValidation((original.extensions.validationErrors ?? []) as ValidationIssue[]);
      return { ...formatted, message: issues.length ? issues.join('; ') : formatted.message, extensions: { code: ERROR_CODES.BAD_USER_INPUT } };
    }
    // An operation limit's rule error leaves Apollo as GRAPHQL_VALIDATION_FAILED: give it its own code.
    const limit = limitErrorCode(error);
    if (limit) return { ...formatted, extensions: { code: limit } };
    // A client error's stack says nothing the message does not; never send it.
    if (isClientError(error)) return { ...formatted, extensions };
    return {
      message: 'internal error; the server log has the details under this request id',
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: ERROR_CODES.INTERNAL_SERVER_ERROR, ...(exposeStack && stacktrace ? { stacktrace } : {}) },
    };
  };
}

export function errorLoggingPlugin(logger: Logger): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue }) {
          for (const error of errors) {
            if (isClientError(error)) continue;
            logger.error(
              { requestId: contextValue.requestId, err: unwrapResolverError(error), path: error.path },
              'unexpected error while executing an operation',
            );
          }
        },
      };
    },
  };
}
