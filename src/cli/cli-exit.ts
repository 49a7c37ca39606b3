/**
 * How a command-line tool stops on bad input: the message on stderr, the usage after it when
 * the command line itself was wrong (exit 2), and exit 1 for a bad configuration, which the
 * usage would not help with.
 */
import { ConfigError, loadConfig, type Config } from '../config';

export type Fail = (message: string, code?: number) => never;

export function failWithUsage(usage: string): Fail {
  return (message, code = 2) => {
    process.stderr.write(`${message}\n${code === 2 ? `${usage}\n` : ''}`);
    process.exit(code);
  };
}

/** The configuration, or exit 1 naming what is wrong with it. */
export function configOrExit(fail: Fail): Config {
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) fail(err.message, 1);
    throw err;
  }
}
