/**
 * The owner's `databox box` commands: `start` runs the box itself; the others talk to a
 * running box's API with the owner password (box.client.ts).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createInterface } from 'node:readline/promises';
import { untilStopped, type CommandIO, type OkOf } from '../../core/cli';
import { packBundle } from '../../core/bundle';
import { DataboxError } from '../../core/errors';
import { readBundleDir } from '../../builder/bundle';
import { reviewText, type InstallReview } from '../install/install.review';
import { updateText, type UpdateReview } from '../install/update.review';
import { startBox } from '../daemon/box.daemon';
import type { BOX_COMMAND } from './box.commands';
import { boxClient } from './box.client';
import { chooseDriver } from './box.driver-choice';

type Manage = Exclude<OkOf<typeof BOX_COMMAND>, { subcommand: 'audit-log' | 'arbiter' | 'export' | 'datastore' }>;

export async function manage(parsed: Manage, io: CommandIO): Promise<number> {
  const client = () => boxClient(parsed.values.box, parsed.values.password);
  const name = parsed.positionals[0] ?? '';
  switch (parsed.subcommand) {
    case 'start': {
      if (name) return print(io, await client().json('POST', `/api/apps/${encodeURIComponent(name)}/start`));
      const { values } = parsed;
      if (!values.data) throw new DataboxError('data-missing', 'starting a box needs --data <dir>', { hint: 'e.g. databox box start --data ~/.databox/box' });
      const driver = values.driver ?? await chooseDriver(io);
      const box = await startBox({ dataDir: values.data, port: values.port, host: values.host, driver, stores: values.store, ...(values.password ? { password: values.password } : {}) }, (line) => io.out(`  ${line}`));
      io.out(`databox box listening on ${box.url} (${box.driver} driver${box.isolated ? '' : ': NO network isolation between components, for development only'})`);
      if (box.generatedPassword) io.out(`Owner password (shown this once; keep it): ${box.generatedPassword}`);
      await untilStopped();
      io.out('databox box: stopping');
      await box.close();
      return 0;
    }
    case 'install': {
      const { values } = parsed;
      const bindings = Object.fromEntries(values.bind.map((b) => {
        const at = b.indexOf('=');
        if (at < 1) throw new DataboxError('bind-invalid', `--bind ${b} is not <clientid>=<source id>`, { hint: 'See your sources with databox box sources' });
        return [b.slice(0, at), b.slice(at + 1)];
      }));
      const local = existsSync(name);
      const query = new URLSearchParams([...Object.entries(bindings).map(([k, v]): [string, string] => ['bind', `${k}=${v}`]), ...(values.unsigned ? [['unsigned', '1'] as [string, string]] : [])]);
      const body = local ? { bytes: await localTarball(name), type: 'application/gzip' } : { json: { app: name, bindings, ...(values.store ? { store: values.store } : {}) } };
      const path = (review: boolean) => `/api/install?${local ? `${query}&` : ''}${review ? 'review=1' : ''}`;
      const review = JSON.parse([...await collect(client().lines('POST', path(true), body))].join('\n')) as InstallReview;
      for (const line of reviewText(review)) io.out(line);
      if (review.problems.length > 0) return 1;
      if (!values.yes && !(await ask(io, `\nInstall ${review.name} ${review.version}? [y/N] `))) {
        io.out('Not installed.');
        return 1;
      }
      return streamed(io, client().lines('POST', path(false), body), 'Installed', 'install-failed', values.box);
    }
    case 'update': {
      const { values } = parsed;
      const bind = new URLSearchParams([...values.bind.map((b): [string, string] => ['bind', b]), ...(values.version ? [['version', values.version] as [string, string]] : [])]);
      const review = await client().json('GET', `/api/apps/${encodeURIComponent(name)}/update?${bind}`) as UpdateReview & { newer: boolean };
      if (!review.newer) {
        io.out(`${review.name} ${review.from} is installed; its store offers ${review.to}: nothing newer to update to.`);
        return 0;
      }
      for (const line of updateText(review)) io.out(line);
      if (review.problems.length > 0) return 1;
      if (!values.yes && !(await ask(io, `\nUpdate ${review.name} to ${review.to}? [y/N] `))) {
        io.out('Not updated.');
        return 1;
      }
      const bindings = Object.fromEntries(values.bind.map((b) => [b.slice(0, b.indexOf('=')), b.slice(b.indexOf('=') + 1)]));
      const body = { json: { version: review.to, bindings, ...(review.grows ? { consent: review.consent } : {}) } };
      return streamed(io, client().lines('POST', `/api/apps/${encodeURIComponent(name)}/update`, body), 'Updated', 'update-failed', values.box);
    }
    case 'rollback':
      return streamed(io, client().lines('POST', `/api/apps/${encodeURIComponent(name)}/rollback`, { json: {} }), 'Rolled back', 'rollback-failed', parsed.values.box);
    case 'status': {
      const status = await client().json('GET', '/api/status') as { driver: string; isolated: boolean; isolation: string; services: { name: string; status: string }[]; components: { name: string; kind: string; version: string; status: string }[] };
      io.out(`driver: ${status.driver} (${status.isolation})`);
      for (const s of status.services) io.out(`  service ${s.name.padEnd(16)} ${s.status}`);
      for (const c of status.components) io.out(`  ${c.kind.padEnd(7)} ${c.name.padEnd(16)} ${c.version.padEnd(10)} ${c.status}`);
      return 0;
    }
    case 'apps': {
      const apps = await client().json('GET', '/api/apps') as { name: string; kind: string; version: string; status: string; origin: { kind: string; publisher?: string; unsigned?: boolean } }[];
      for (const a of apps) io.out(`${a.kind.padEnd(7)} ${a.name.padEnd(20)} ${a.version.padEnd(10)} ${a.status.padEnd(12)} ${a.origin.kind === 'store' ? `from a store, by ${a.origin.publisher}` : a.origin.kind === 'local' ? (a.origin.unsigned ? 'sideloaded, unsigned' : 'local, signed') : 'built in'}`);
      return 0;
    }
    case 'sources': {
      const sources = await client().json('GET', '/api/sources') as { id: string; type: string; driver: string; actuator: boolean; description: string; readBy: string[] }[];
      for (const s of sources) io.out(`${s.id.padEnd(22)} ${(s.actuator ? 'actuator' : 'sensor').padEnd(9)} ${s.driver.padEnd(12)} ${s.description}${s.readBy.length ? ` (read by ${s.readBy.join(', ')})` : ''}`);
      return 0;
    }
    case 'logs': {
      const controller = new AbortController();
      const stop = () => controller.abort();
      process.once('SIGINT', stop);
      try {
        for await (const line of client().lines('GET', `/api/apps/${encodeURIComponent(name)}/logs?tail=${encodeURIComponent(parsed.values.tail)}${parsed.values.follow ? '&follow=1' : ''}`, undefined, controller.signal)) io.out(line);
      } finally {
        process.off('SIGINT', stop);
      }
      return 0;
    }
    case 'stop':
    case 'restart':
      return print(io, await client().json('POST', `/api/apps/${encodeURIComponent(name)}/${parsed.subcommand}`));
    case 'uninstall': {
      const answer = await client().json('DELETE', `/api/apps/${encodeURIComponent(name)}${parsed.values['delete-data'] ? '?delete-data=true' : ''}`) as { removed: string; dataKept: boolean };
      io.out(`Removed ${answer.removed}${answer.dataKept ? '; its data is kept (an install of the same name finds it again)' : ', and its data'}`);
      return 0;
    }
    case 'webhook': {
      const [action, id] = parsed.positionals;
      if (action === 'list') {
        const sources = await client().json('GET', '/api/webhooks') as { id: string; type: string; path: string; description: string; readBy: string[] }[];
        if (sources.length === 0) io.out('No webhook sources yet; add one with databox box webhook add <id> --type <type> --description <text>');
        for (const s of sources) io.out(`${s.id.padEnd(22)} ${s.type.padEnd(14)} ${s.path.padEnd(30)} ${s.description}${s.readBy.length ? ` (read by ${s.readBy.join(', ')})` : ''}`);
        return 0;
      }
      if ((action !== 'add' && action !== 'remove') || !id) {
        throw new DataboxError('webhook-action-invalid', action === 'add' || action === 'remove' ? `databox box webhook ${action} needs the source id` : `"${String(action).slice(0, 20)}" is not list, add or remove`, { hint: 'e.g. databox box webhook add phone-steps --type steps --description "Steps from my phone"' });
      }
      if (action === 'remove') {
        await client().json('DELETE', `/api/webhooks/${encodeURIComponent(id)}`);
        io.out(`Removed the webhook source ${id}; its readings stay in the webhook store`);
        return 0;
      }
      const { type, description } = parsed.values;
      if (!type || !description) throw new DataboxError('webhook-fields-missing', 'a webhook source needs --type and --description', { hint: 'e.g. --type steps --description "Steps from my phone"' });
      const made = await client().json('POST', '/api/webhooks', { id, type, description }) as { path: string; header: string; secret: string };
      io.out(`Added ${id}. Devices post JSON readings to ${new URL(made.path, parsed.values.box).href}`);
      io.out(`with the header ${made.header}: ${made.secret}`);
      io.out('This secret is shown this once; the box keeps only its hash.');
      return 0;
    }
    case 'audit': {
      const { values } = parsed;
      const query = new URLSearchParams({ limit: values.limit, ...(values.app ? { app: values.app } : {}), ...(values.kind ? { kind: values.kind } : {}) });
      const answer = await client().json('GET', `/api/audit?${query}`) as { events?: AuditLine[] } | AuditLine[];
      for (const e of Array.isArray(answer) ? answer : answer.events ?? []) {
        io.out(`${new Date(e.time).toISOString()} ${e.component.padEnd(18)} ${e.kind.padEnd(16)} ${[e.method, e.path, e.destination, e.status, e.bytes === undefined ? undefined : `${e.bytes} B`, e.detail].filter((x) => x !== undefined && x !== null && x !== '').join(' ')}`);
      }
      return 0;
    }
  }
}

interface AuditLine { time: number; component: string; kind: string; method?: string; path?: string; destination?: string; status?: number; bytes?: number; detail?: string }

function print(io: CommandIO, value: unknown): number {
  const c = value as { name?: string; status?: string };
  io.out(`${c.name ?? ''}: ${c.status ?? 'done'}`);
  return 0;
}

/** Prints a long change's progress as the box streams it, then its outcome; a failure throws. */
async function streamed(io: CommandIO, lines: AsyncIterable<string>, done: string, code: string, box: string): Promise<number> {
  let failed: string | undefined;
  for await (const line of lines) {
    const event = JSON.parse(line) as { progress?: string; result?: { name: string; version: string; page?: string }; error?: { code: string; message: string; hint?: string } };
    if (event.progress) io.out(`  ${event.progress}`);
    if (event.result) io.out(`${done} ${event.result.name} ${event.result.version}${event.result.page ? `; its page: ${new URL(event.result.page, box).toString()}` : ''}`);
    if (event.error) failed = `[${event.error.code}] ${event.error.message}${event.error.hint ? ` - ${event.error.hint}` : ''}`;
  }
  if (failed) throw new DataboxError(code, failed);
  return 0;
}

async function localTarball(file: string): Promise<Buffer> {
  return statSync(file).isDirectory() ? packBundle(await readBundleDir(file)) : readFileSync(file);
}

async function collect(lines: AsyncIterable<string>): Promise<string[]> {
  const all: string[] = [];
  for await (const line of lines) all.push(line);
  return all;
}

async function ask(io: CommandIO, question: string): Promise<boolean> {
  if (!process.stdin.isTTY) {
    io.err('databox box: no terminal to ask on; pass --yes to go ahead as reviewed');
    return false;
  }
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}
