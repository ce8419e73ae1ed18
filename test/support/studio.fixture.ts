/**
 * A studio for tests, with all its real parts: a local server speaking GitHub's OAuth web flow
 * (the studio's passport code path unchanged), a real app store that checks the same GitHub
 * tokens, and the studio itself with process workspaces (real Node-RED processes). Also the
 * Chromium every browser test uses, and a sign-in through the OAuth pages as a person does it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page, type Request } from 'playwright-core';
import { startStudio, type RunningStudio, type StudioOptions } from '../../editor/server/studio.server';
import { loadAppStoreConfig } from '../../store-app/config/app-store.config';
import { startAppStore, type RunningAppStore } from '../../store-app/server/app-store.server';
import { startFakeGithub, type FakeGithub } from '../../store-app/testing/fake-github.server';
import { lostToNetworkChange } from './network-change';

export const ROOT = path.resolve(__dirname, '..', '..');
export const SCREENSHOTS = path.join(ROOT, 'tmp', 'screenshots');
const CLIENT_ID = 'Iv1.studio-test';
const CLIENT_SECRET = 'studio-test-client-secret';

export interface TestStudio {
  studio: RunningStudio;
  github: FakeGithub;
  store: RunningAppStore;
  dir: string;
  log: string[];
  /** Stops the studio and starts it again on the same data (and port). */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export async function startTestStudio(overrides: Partial<StudioOptions> = {}): Promise<TestStudio> {
  const dir = mkdtempSync(path.join(tmpdir(), 'studio-test-'));
  const github = await startFakeGithub();
  const store = await startAppStore({ dataDir: path.join(dir, 'store'), config: loadAppStoreConfig(path.join(dir, 'store'), { DATABOX_GITHUB_API_URL: github.apiUrl }) });
  const log: string[] = [];
  const options = (port: number): StudioOptions => ({
    dataDir: path.join(dir, 'studio'), port, host: '127.0.0.1', root: ROOT, storeUrl: store.url,
    github: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, webUrl: github.webUrl, apiUrl: github.apiUrl },
    log: (line) => log.push(line), ...overrides,
  });
  let studio = await startStudio(options(0));
  github.addClient(CLIENT_ID, CLIENT_SECRET, `${studio.url}/auth/github/callback`);
  const fixture: TestStudio = {
    get studio() { return studio; },
    github, store, dir, log,
    async restart() {
      const port = Number(new URL(studio.url).port);
      await studio.close();
      studio = await startStudio(options(port));
    },
    async close() {
      await studio.close();
      await store.close();
      await github.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return fixture;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
}

/** Signs in as `login` the way a developer does: the studio's page, GitHub's, back. */
export async function signIn(context: BrowserContext, studioUrl: string, login: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${studioUrl}/`);
  await page.getByRole('link', { name: 'Sign in with GitHub' }).click();
  await page.getByLabel('Username').fill(login);
  await page.getByRole('button', { name: 'Authorize' }).click();
  await page.waitForURL(`${studioUrl}/`);
  return page;
}

/** Opens the editor and waits until its palette holds the Databox nodes (reloading it, at most four times, when Chromium lost a part of it to a network change). */
export async function openEditor(page: Page, studioUrl: string): Promise<void> {
  await openEditorAt(page, `${studioUrl}/workspace/`);
}

/** Opens a Node-RED editor at `url` (the studio's proxy, or a workspace itself) until its palette holds the Databox nodes. */
export async function openEditorAt(page: Page, url: string): Promise<void> {
  // The requests still unanswered, and those that failed, if the editor never gets ready (seen: stuck at "Loading Plugins").
  const pending = new Set<string>();
  const failed: string[] = [];
  let lost = false;
  const asked = (r: Request) => pending.add(r.url());
  const done = (r: Request) => pending.delete(r.url());
  const broke = (r: Request) => {
    pending.delete(r.url());
    failed.push(`${r.url()} (${r.failure()?.errorText ?? '?'})`);
    if (lostToNetworkChange(page, r)) lost = true;
  };
  page.on('request', asked);
  page.on('requestfinished', done);
  page.on('requestfailed', broke);
  try {
    const deadline = Date.now() + 60_000;
    let reloads = 0;
    await page.goto(url);
    for (;;) {
      const ready = await page.waitForSelector('.red-ui-palette-node[data-palette-type="databox-datasource"]', { timeout: Math.max(1, Math.min(2000, deadline - Date.now())) }).then(() => undefined, (error: unknown) => error);
      if (ready === undefined) return;
      if (lost && reloads < 4) {
        lost = false;
        reloads += 1;
        process.stderr.write(`# studio editor: reloaded after a network change lost a part of it (${failed.at(-1) ?? ''})\n`);
        await page.goto(url);
      } else if (Date.now() >= deadline) {
        const progress = await page.locator('#red-ui-loading-progress').innerText().catch(() => '?');
        throw new Error(`the editor did not get ready (${progress}); unanswered: ${[...pending].join(', ') || 'none'}; failed: ${failed.join(', ') || 'none'}`, { cause: ready });
      }
    }
  } finally {
    page.off('request', asked);
    page.off('requestfinished', done);
    page.off('requestfailed', broke);
  }
}
