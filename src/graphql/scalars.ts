/**
 * Scalars used across the schema. Dates are legal dates (no time zone): 'YYYY-MM-DD'.
 * Money is a decimal string in 万元, the unit of the 双公示 standard, so no float rounding
 * ever reaches a fine amount.
 */
import { GraphQLScalarType, Kind } from 'graphql';
import { LocalDateResolver } from 'graphql-scalars';

const YYYY_MM_DD = /^\d{4}-\d{2}-\d{2}$/;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Whether `s` is YYYY-MM-DD naming a day of the (proleptic Gregorian) calendar. */
function isCalendarDate(s: string): boolean {
  if (!YYYY_MM_DD.test(s)) return false;
  const year = Number(s.slice(0, 4));
  const month = Number(s.slice(5, 7));
  const day = Number(s.slice(8, 10));
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!);
}

/**
 * graphql-scalars' LocalDate, whose serialize checks a date by building a Date and its ISO
 * string: a profile's dates made that ~3 % of the server's CPU. A calendar date is answered
 * here as it is; anything else still goes to graphql-scalars, which refuses it with its own error.
 */
export const LocalDate = new GraphQLScalarType({
  ...LocalDateResolver.toConfig(),
  serialize: (value) => (typeof value === 'string' && isCalendarDate(value) ? value : LocalDateResolver.serialize(value)),
});

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
