import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after } from 'node:test';
import { repositoryContract } from './repository.contract';
import { openSqliteRepository } from './sqlite.repository';

const dir = mkdtempSync(path.join(tmpdir(), 'store-sqlite-'));
after(() => rmSync(dir, { recursive: true, force: true }));
repositoryContract('sqlite', async () => openSqliteRepository(path.join(dir, 'store.db')));
