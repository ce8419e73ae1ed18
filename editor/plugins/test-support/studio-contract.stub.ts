/**
 * A stand-in for the studio's build, publish and versions endpoints, answering exactly their
 * contract (editor/plugins/README.md) so the sidebar's side of it runs in a real browser
 * before the studio has them: NDJSON `{"progress"}` lines then `{"done"}`. It is not the
 * studio: nothing is built or published. Each stream stops after its first progress line
 * until the test releases it (`POST /studio/api/_stub/release`), so a test sees progress
 * arrive before the result. `GET /studio/api/_stub/requests` lists what the sidebar sent.
 *
 * @example
 * app.use('/studio/api', studioContractStub());
 */
import express, { type Response, type Router } from 'express';

export const STUB_STORE_URL = 'http://store.invalid/apps';

export function studioContractStub(): Router {
  const router = express.Router();
  const requests: { method: string; path: string; body: unknown; contentType: string }[] = [];
  let releases: (() => void)[] = [];
  const published: { version: string; channel: string; publishedAt: string; url: string }[] = [];

  router.use(express.json({ limit: '16kb' }));
  router.use((req, _res, next) => {
    if (!req.path.startsWith('/_stub/')) requests.push({ method: req.method, path: req.path, body: req.body, contentType: req.get('content-type') ?? '' });
    next();
  });
  router.get('/_stub/requests', (_req, res) => { res.json(requests); });
  router.post('/_stub/release', (_req, res) => {
    const waiting = releases;
    releases = [];
    waiting.forEach((release) => release());
    res.json({ released: waiting.length });
  });

  const held = () => new Promise<void>((resolve) => { releases.push(resolve); });
  const line = (res: Response, value: unknown) => res.write(`${JSON.stringify(value)}\n`);

  router.post('/build', async (req, res) => {
    res.status(200).type('application/x-ndjson');
    line(res, { progress: `compiling tab ${String(req.body?.tab)}` });
    await held();
    line(res, { progress: 'writing the bundle' });
    line(res, { done: true, bundle: { name: 'load-watch', version: '0.1.0', hash: 'a'.repeat(64) } });
    res.end();
  });

  router.post('/publish', async (req, res) => {
    res.status(200).type('application/x-ndjson');
    line(res, { progress: 'building' });
    await held();
    line(res, { progress: 'signing with your key' });
    line(res, { progress: 'uploading to the app store' });
    const version = { version: '0.1.0', channel: (req.body as { channel?: string } | undefined)?.channel === 'beta' ? 'beta' : 'stable', publishedAt: '2026-01-02T03:04:05.000Z', url: `${STUB_STORE_URL}/load-watch` };
    published.push(version);
    line(res, { done: true, published: { name: 'load-watch', version: version.version, url: version.url } });
    res.end();
  });

  router.get('/apps/:name/versions', (req, res) => {
    if (req.params.name !== 'load-watch' || published.length === 0) {
      res.status(404).json({ error: { code: 'app-not-found', message: `no app "${req.params.name}" in the store`, hint: 'Publish it first.' } });
      return;
    }
    res.json({ versions: published });
  });
  return router;
}
