/** The drizzle schema: every table, for queries and for drizzle-kit's migration generator. */
export * from './enums';
export * from './catalog';
export * from './parties';
export * from './records';
export * from './lifecycle';
export * from './access';
export * from './sessions';
export * from './attachments';
export * from './reports';
