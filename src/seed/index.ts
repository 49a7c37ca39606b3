/** Public API of the synthetic data generator. */
export { seedDatabase, type SeedOptions, type SeedProgress, type SeedResult } from './seed-database';
export type { SampleCodes } from './chunk';
export { SEEDED_TABLES, SeedRefusedError } from './reset';
export { DEMO_AGENCIES, type DemoAgency } from './agencies';
export { signInTestAccounts, STEEL_USCC } from './samples';
