import { GraphQLError } from 'graphql';
import type { ErrorCode } from './error-codes';

/**
 * An error whose message is meant for the client: specific and actionable. Anything that is
 * not an AppError (or a GraphQL validation error) is masked before it leaves the server.
 */
export class AppError extends GraphQLError {
  constructor(
    readonly code: ErrorCode,
    message: string,
    details: Record<string, unknown> = {},
  ) {
    super(message, { extensions: { code, ...details } });
  }
}

export const appError = (code: ErrorCode, message: string, details?: Record<string, unknown>) =>
  new AppError(code, message, details);
