import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { LaplacePrivacy } from '../../core/privacy/privacy.types';
import { openPrivacyLedger, periodStart } from './privacy.ledger';
import { cryptoRandom } from '../../core/privacy/privacy.random';

const spec: LaplacePrivacy = { mechanism: 'laplace', epsilon: 1, period: 'day', bounds: [0, 40] };
const noon = Date.UTC(2026, 11, 2, 12, 0, 0);

test('one report a period per app and destination; the next period has its budget again', (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'privacy-ledger-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const ledger = openPrivacyLedger(path.join(dir, 'privacy.db'));
  t.after(() => ledger.close());
  const spend = (component: string, destination: string, now: number) => ledger.spend({ component, destination, spec, exportId: `${component}-${now}`, now });
  assert.deepEqual(spend('study', 'https://a.example/in', noon), { periodStart: Date.UTC(2026, 11, 2), epsilon: 1 });
  assert.throws(() => spend('study', 'https://a.example/in', noon + 3_600_000), (error: unknown) => {
    const e = error as { code: string; status: number; message: string; hint: string };
    return e.code === 'privacy-budget-spent' && e.status === 429 && /already sent its report to https:\/\/a\.example\/in this day \(epsilon 1 spent\)/.test(e.message) && /from 2026-12-03T00:00:00\.000Z/.test(e.hint);
  });
  assert.ok(spend('study', 'https://b.example/in', noon), 'another destination has its own budget');
  assert.ok(spend('other', 'https://a.example/in', noon), 'another app too');
  assert.ok(spend('study', 'https://a.example/in', noon + 12 * 3_600_000), 'the next UTC day');
  assert.equal(ledger.spent('study', 'https://a.example/in', spec, noon), 1);
  assert.equal(ledger.spent('study', 'https://c.example/in', spec, noon), 0);
  assert.equal(periodStart({ ...spec, period: 'hour' }, noon + 1_800_000), noon);
});

test('a spend survives the process being killed right after it: the budget is not given back', (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'privacy-ledger-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'privacy.db');
  // Another process spends, then dies by SIGKILL without closing the database.
  const script = `const { openPrivacyLedger } = require(${JSON.stringify(path.join(__dirname, 'privacy.ledger.ts'))});
    openPrivacyLedger(${JSON.stringify(file)}).spend({ component: 'study', destination: 'https://a.example/in', spec: ${JSON.stringify(spec)}, exportId: 'x1', now: ${noon} });
    process.kill(process.pid, 'SIGKILL');`;
  assert.throws(() => execFileSync(process.execPath, ['--import', 'tsx', '-e', script], { stdio: 'pipe' }), /SIGKILL|signal/i);
  const ledger = openPrivacyLedger(file);
  t.after(() => ledger.close());
  assert.equal(ledger.spent('study', 'https://a.example/in', spec, noon), 1);
  assert.throws(() => ledger.spend({ component: 'study', destination: 'https://a.example/in', spec, exportId: 'x2', now: noon + 60_000 }), { code: 'privacy-budget-spent' });
});

test('the cryptographic source draws uniforms in [0, 1) with their mean and spread', () => {
  const draws = Array.from({ length: 50_000 }, () => cryptoRandom.next());
  assert.ok(draws.every((u) => u >= 0 && u < 1));
  const mean = draws.reduce((a, b) => a + b, 0) / draws.length;
  const variance = draws.reduce((a, u) => a + (u - mean) ** 2, 0) / draws.length;
  assert.ok(Math.abs(mean - 0.5) < 0.01, `mean ${mean}`);
  assert.ok(Math.abs(variance - 1 / 12) < 0.003, `variance ${variance}`);
  assert.ok(new Set(draws).size > 49_990, 'no repeats to speak of');
});
