/**
 * The study collector's HTTP server (issue 12). Plain node:http, not Express: the report path
 * is its whole load (thousands of boxes a second) and Express's routing costs most of a
 * request here (docs/decisions/0021-study-collector.md).
 * - `POST /studies/<study>/reports` a box's noisy report, with `Databox-Export-Id`: 201
 *   `{counted: true}` once committed, 200 `{counted: false}` for an id seen before;
 * - `GET /api/studies/<study>` `{study, mechanism, epsilon, period, reports, estimate, low, high, shares?}`
 *   (a 95% interval), `GET /api/studies/<study>/history`, `GET /api/studies`, `GET /api/health`;
 * - `GET /` the studies, `GET /studies/<study>` one study's chart.
 *
 * @example
 * const collector = await startCollector({ dataDir, port: 0 }); // collector.url
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { DataboxError, isDataboxError } from '../core/errors';
import { chartJsFile } from '../runtime/ui/ui.assets';
import { openCollectorDb } from './collector.db';
import { studyHistory } from './collector.history';
import { listPage, studyPage } from './collector.pages';
import { EXPORT_ID, readReport, STUDY_NAME } from './collector.report';
import { newStudy, type Study } from './collector.study';
import type { PrivacySpec } from '../core/privacy/privacy.types';

export interface CollectorOptions {
  dataDir: string;
  port: number;
  host?: string;
  /** The studies the researcher declares, by name: each takes only reports of its spec. */
  studies?: Readonly<Record<string, PrivacySpec>>;
}

export interface RunningCollector {
  url: string;
  close(): Promise<void>;
}

const MAX_BODY = 4096;
const SECURITY_HEADERS = {
  'content-security-policy': "default-src 'self'; img-src 'self' data:; style-src 'self'; object-src 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

export async function startCollector(options: CollectorOptions): Promise<RunningCollector> {
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const db = openCollectorDb(path.join(options.dataDir, 'collector.db'));
  const declared = options.studies ?? {};
  const studies = new Map<string, Study>();
  const counted = new Map<string, number>();
  for (const row of db.each()) {
    const study = studies.get(row.study) ?? newStudy(row.study, row.report, declared[row.study]);
    studies.set(row.study, study);
    study.add(row.report);
    counted.set(row.study, (counted.get(row.study) ?? 0) + 1);
  }
  const assets = loadAssets();

  const receive = async (name: string, req: IncomingMessage): Promise<{ status: number }> => {
    const exportId = req.headers['databox-export-id'];
    if (typeof exportId !== 'string' || !EXPORT_ID.test(exportId)) {
      throw new DataboxError('export-id-missing', 'a report needs its Databox-Export-Id header (8 to 64 letters, digits, "-" or "_")', { status: 400, hint: 'Reports come through a box\'s export service, which sends the header; it makes a report delivered twice count once.' });
    }
    const report = readReport(await readBody(req));
    const known = studies.get(name);
    const study = known ?? newStudy(name, report, declared[name]);
    const mismatch = study.mismatch(report);
    if (mismatch) throw mismatch;
    // A new study is kept from now (reports racing into the same commit are held to it), and
    // forgotten again if its first report is not stored.
    if (!known) studies.set(name, study);
    let fresh: boolean;
    try {
      fresh = await db.add({ study: name, exportId, report, receivedAt: Date.now() });
    } catch (error) {
      if (!known && !counted.get(name)) studies.delete(name);
      throw error;
    }
    if (fresh) {
      study.add(report);
      counted.set(name, (counted.get(name) ?? 0) + 1);
    }
    return { status: fresh ? 201 : 200 };
  };

  const route = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const target = req.url ?? '/';
    const pathname = target.split('?', 1)[0] ?? '/';
    const parts = pathname.split('/').filter((p) => p !== '');
    const method = req.method ?? 'GET';
    const studyNamed = (name: string | undefined): Study => {
      if (name === undefined || !STUDY_NAME.test(name)) throw new DataboxError('study-name-invalid', 'a study is named with 1 to 64 letters, digits, "-" or "_"', { status: 400 });
      const study = studies.get(name);
      if (!study || !counted.get(name)) throw new DataboxError('study-unknown', `no reports for study "${name}" yet`, { status: 404, hint: 'A box sends them to POST /studies/<study>/reports.' });
      return study;
    };
    if (parts[0] === 'studies' && parts.length === 3 && parts[2] === 'reports') {
      if (method !== 'POST') throw new DataboxError('method-not-allowed', 'reports are POSTed', { status: 405 });
      const name = parts[1] ?? '';
      if (!STUDY_NAME.test(name)) throw new DataboxError('study-name-invalid', 'a study is named with 1 to 64 letters, digits, "-" or "_"', { status: 400 });
      const answer = await receive(name, req);
      return answerReport(res, answer.status === 201);
    }
    if (method !== 'GET') throw new DataboxError('method-not-allowed', `${method} is not served here`, { status: 405 });
    if (pathname === '/api/health') return json(res, 200, { ok: true, studies: studies.size });
    if (pathname === '/api/studies') return json(res, 200, { studies: [...studies.values()].filter((s) => counted.get(s.name)).map((s) => s.view()) });
    if (parts[0] === 'api' && parts[1] === 'studies' && parts.length === 3) return json(res, 200, studyNamed(parts[2]).view());
    if (parts[0] === 'api' && parts[1] === 'studies' && parts.length === 4 && parts[3] === 'history') {
      const name = studyNamed(parts[2]).name;
      const reports = (function* () { for (const row of db.each(name)) yield row.report; })();
      return json(res, 200, { study: name, points: studyHistory(name, reports, counted.get(name) ?? 0, 200, declared[name]) });
    }
    if (pathname === '/') return html(res, listPage([...studies.values()].filter((s) => counted.get(s.name)).map((s) => s.view())));
    if (parts[0] === 'studies' && parts.length === 2) return html(res, studyPage(studyNamed(parts[1]).view()));
    const asset = parts[0] === 'assets' && parts.length === 2 ? assets.get(parts[1] ?? '') : undefined;
    if (asset) {
      res.writeHead(200, { 'content-type': asset.type, 'cache-control': 'max-age=3600', ...SECURITY_HEADERS });
      res.end(asset.body);
      return;
    }
    throw new DataboxError('not-found', `nothing at ${pathname}`, { status: 404, hint: 'The studies are listed at /.' });
  };

  const server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      const known = isDataboxError(error) ? error : new DataboxError('collector-failed', 'the collector failed to handle this request', { status: 500 });
      if (!isDataboxError(error)) console.error('collector:', error);
      if (!res.headersSent) json(res, known.status ?? 500, { error: { code: known.code, message: known.message, ...(known.hint ? { hint: known.hint } : {}) } });
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 65_000;
  // A sender that trickles its body is cut off: a report is a few hundred bytes.
  server.requestTimeout = 15_000;
  server.headersTimeout = 10_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => { server.off('error', reject); resolve(); });
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host && options.host !== '0.0.0.0' ? options.host : '127.0.0.1'}:${port}`,
    close: async () => {
      await new Promise<void>((resolve) => { server.close(() => resolve()); server.closeAllConnections(); });
      db.close();
    },
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const type = req.headers['content-type'] ?? '';
    if (!/^application\/json\b/i.test(type)) {
      req.resume();
      reject(new DataboxError('report-invalid', `a report is application/json, not "${type || 'no content type'}"`, { status: 415 }));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        // Drained, not cut, so the sender reads the refusal.
        req.removeAllListeners('data');
        req.resume();
        reject(new DataboxError('report-too-large', `a report is at most ${MAX_BODY} bytes`, { status: 413 }));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** The report path's two answers, built once: it is the collector's whole load. */
const COUNTED = Buffer.from(JSON.stringify({ counted: true }));
const SEEN = Buffer.from(JSON.stringify({ counted: false }));
const REPORT_HEADERS = { 'content-type': 'application/json; charset=utf-8', ...SECURITY_HEADERS };

function answerReport(res: ServerResponse, counted: boolean): void {
  const body = counted ? COUNTED : SEEN;
  res.writeHead(counted ? 201 : 200, { ...REPORT_HEADERS, 'content-length': body.length });
  res.end(body);
}

function json(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...SECURITY_HEADERS });
  res.end(text);
}

function html(res: ServerResponse, page: string): void {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(page), ...SECURITY_HEADERS });
  res.end(page);
}

/** The page's files: a fixed list read once (no path from a request reaches the disk). */
function loadAssets(): Map<string, { type: string; body: Buffer }> {
  return new Map([
    ['chart.umd.js', { type: 'text/javascript; charset=utf-8', body: readFileSync(chartJsFile()) }],
    ['collector.page.js', { type: 'text/javascript; charset=utf-8', body: readFileSync(path.join(__dirname, 'public', 'collector.page.js')) }],
    ['collector.css', { type: 'text/css; charset=utf-8', body: readFileSync(path.join(__dirname, 'public', 'collector.css')) }],
  ]);
}
