/** Where the tests find PostgreSQL, and a throw-away schema per test run. */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const DEFAULT_TEST_DATABASE_URL = 'postgres://databox:databox@127.0.0.1:55432/databox_test';

export function testDatabaseUrl(): string {
  return process.env.DATABOX_TEST_DATABASE_URL || DEFAULT_TEST_DATABASE_URL;
}

export function testSchemaName(): string {
  return `store_test_${process.pid}_${randomBytes(4).toString('hex')}`;
}

export async function dropTestSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: testDatabaseUrl() });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}
