// Runs against the PostgreSQL that scripts/provision/40-postgres.sh starts; fails (never skips)
// when it is unreachable. Each run uses a schema of its own and drops it afterwards.
import { after } from 'node:test';
import { openPostgresRepository } from './postgres.repository';
import { repositoryContract } from './repository.contract';
import { dropTestSchema, testDatabaseUrl, testSchemaName } from '../testing/postgres.fixture';

const schema = testSchemaName();
after(() => dropTestSchema(schema));
repositoryContract('postgres', () => openPostgresRepository({ connectionString: testDatabaseUrl(), schema, poolSize: 4 }));
