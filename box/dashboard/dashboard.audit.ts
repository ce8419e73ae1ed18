/**
 * The audit page and its CSV (pure): what each app did in the chosen period, in a sentence per
 * app ("sent 12 KB to https://... in the last 24 hours"), then the timeline of events, newest
 * first, filtered by app, kind and time; the same events as CSV.
 *
 * @example
 * auditPage({ filter: { app: 'host-load', period: 'day' }, events, summary, apps: ['host-load'] })
 */
import type { ComponentSummary, StoredAuditEvent } from '../audit/audit.types';
import { escapeHtml, page } from './dashboard.html';

export const AUDIT_PERIODS = { hour: { ms: 3_600_000, words: 'the last hour' }, day: { ms: 86_400_000, words: 'the last 24 hours' }, week: { ms: 7 * 86_400_000, words: 'the last 7 days' }, all: { ms: 0, words: 'all time' } } as const;
export type AuditPeriod = keyof typeof AUDIT_PERIODS;
/** The kinds the box's services write (box/audit/audit.types.ts), offered as filters. */
export const AUDIT_KINDS = ['token-mint', 'token-refused', 'request-refused', 'export', 'export-delivered', 'export-failed', 'export-refused', 'privacy-spend', 'install', 'uninstall', 'grant', 'revoke', 'register', 'unregister', 'component-crashed', 'component-stopped', 'component-started'] as const;

export interface AuditFilter {
  app?: string;
  kind?: string;
  period: AuditPeriod;
}

/** "12 KB", "1.5 MB": sizes a person reads. */
export function bytesWords(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Number((bytes / 1024).toPrecision(3))} KB`;
  return `${Number((bytes / 1024 / 1024).toPrecision(3))} MB`;
}

/** One app's period in a sentence. */
export function summarySentence(s: ComponentSummary, period: AuditPeriod): string {
  const sent = s.exports.length === 0 ? 'sent nothing off the box' : `sent ${s.exports.map((e) => `${bytesWords(e.bytes)} to ${e.destination} (${e.count} export${e.count === 1 ? '' : 's'})`).join(', ')}`;
  return `${s.component} ${sent} in ${AUDIT_PERIODS[period].words}: ${s.events} events, ${s.tokensMinted} tokens minted, ${s.refused} refused.`;
}

export function auditPage(options: { filter: AuditFilter; events: StoredAuditEvent[]; summary: ComponentSummary[]; apps: string[]; now: number }): string {
  const f = options.filter;
  const select = (name: string, label: string, values: readonly string[], chosen: string | undefined, any: string): string => `<label for="f-${name}">${label}</label>
  <select id="f-${name}" name="${name}"><option value="">${any}</option>${values.map((v) => `<option value="${escapeHtml(v)}"${v === chosen ? ' selected' : ''}>${escapeHtml(v)}</option>`).join('')}</select>`;
  const periods = (Object.keys(AUDIT_PERIODS) as AuditPeriod[]).map((p) => `<option value="${p}"${p === f.period ? ' selected' : ''}>${AUDIT_PERIODS[p].words}</option>`).join('');
  const query = new URLSearchParams({ ...(f.app ? { app: f.app } : {}), ...(f.kind ? { kind: f.kind } : {}), period: f.period });
  const rows = options.events.map((e) => `<tr class="event kind-${escapeHtml(e.kind)}"><td><time datetime="${new Date(e.time).toISOString()}">${new Date(e.time).toISOString().replace('T', ' ').slice(0, 19)}</time></td><td>${escapeHtml(e.component)}</td><td>${escapeHtml(e.kind)}</td>`
    + `<td>${escapeHtml(e.destination ?? (e.target ? `${e.method ?? ''} ${e.target}${e.path ?? ''}` : ''))}</td><td>${e.bytes === undefined ? '' : bytesWords(e.bytes)}</td><td>${e.status ?? ''}</td><td>${escapeHtml(e.detail ?? '')}</td></tr>`).join('\n');
  const body = `<h1>Audit</h1>
<form class="filters" method="get" action="/audit">
  ${select('app', 'App', options.apps, f.app, 'every app and service')}
  ${select('kind', 'Kind', AUDIT_KINDS, f.kind, 'every kind')}
  <label for="f-period">Time</label><select id="f-period" name="period">${periods}</select>
  <button type="submit">Filter</button> <a href="/audit.csv?${escapeHtml(query.toString())}" download>Download as CSV</a>
</form>
<section aria-labelledby="summary-h"><h2 id="summary-h">In ${AUDIT_PERIODS[f.period].words}</h2>
${options.summary.length === 0 ? '<p class="empty">Nothing happened.</p>' : `<ul class="summary">${options.summary.map((s) => `<li data-component="${escapeHtml(s.component)}">${escapeHtml(summarySentence(s, f.period))}</li>`).join('')}</ul>`}</section>
<section aria-labelledby="timeline-h"><h2 id="timeline-h">Timeline, newest first</h2>
${options.events.length === 0 ? '<p class="empty">No events match.</p>' : `<div class="table-wrap"><table class="timeline"><thead><tr><th scope="col">time (UTC)</th><th scope="col">app</th><th scope="col">kind</th><th scope="col">to / on</th><th scope="col">size</th><th scope="col">status</th><th scope="col">detail</th></tr></thead><tbody>${rows}</tbody></table></div>`}</section>`;
  return page({ title: 'Audit', body, signedIn: true });
}

const CSV_COLUMNS = ['time', 'component', 'kind', 'source', 'target', 'method', 'path', 'destination', 'bytes', 'status', 'detail'] as const;

/** The events as CSV, oldest first; a cell a spreadsheet would run as a formula is quoted as text. */
export function auditCsv(events: readonly StoredAuditEvent[]): string {
  const cell = (value: unknown): string => {
    let text = value === undefined || value === null ? '' : String(value);
    if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
    return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const lines = events.map((e) => CSV_COLUMNS.map((c) => cell(c === 'time' ? new Date(e.time).toISOString() : e[c])).join(','));
  return `${CSV_COLUMNS.join(',')}\r\n${lines.map((l) => `${l}\r\n`).join('')}`;
}
