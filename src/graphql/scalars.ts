/**
 * Scalars used across the schema. Dates are legal dates (no time zone): 'YYYY-MM-DD'.
 * Money is a decimal string in 万元, the unit of the 双公示 standard, so no float rounding
 * ever reaches a fine amount.
 */
import { GraphQLScalarType, Kind } from 'graphql';
import { LocalDateResolver } from 'graphql-scalars';

export const LocalDate = LocalDateResolver;

const DECIMAL = /^-?\d{1,14}(\.\d{1,4})?$/;

export const Decimal = new GraphQLScalarType<string, string>({
  name: 'Decimal',
  description: 'A decimal number written as a string (at most 4 decimal places), e.g. "12.5000". Amounts are in 万元.',
  serialize(value) {
    const s = String(value);
    if (!DECIMAL.test(s)) throw new TypeError(`Decimal cannot represent ${s}`);
    return s;
  },
  parseValue(value) {
    if (typeof value !== 'string' || !DECIMAL.test(value)) {
      throw new TypeError('Decimal must be a string such as "12.5" with at most 4 decimal places');
    }
    return value;
  },
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING || !DECIMAL.test(ast.value)) {
      throw new TypeError('Decimal must be a string such as "12.5" with at most 4 decimal places');
    }
    return ast.value;
  },
});
