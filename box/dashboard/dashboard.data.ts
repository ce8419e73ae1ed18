/**
 * The data page (pure): each of the owner's data sources with its latest value, a chart of its
 * recent history (public/dashboard.data.js draws the readings embedded in the page), where it
 * comes from, and which apps may read it.
 *
 * @example
 * dataPage({ sources, readings, readBy: { temperature: ['room-chart'] } })
 */
import type { DataSource } from '../state/box.db';
import { escapeHtml, page } from './dashboard.html';
import type { Reading } from './dashboard.reader';

export function dataPage(options: { sources: DataSource[]; readings: Map<string, Reading[] | { error: string }>; readBy: Record<string, string[]> }): string {
  const sensors = options.sources.filter((s) => !s.actuator);
  const actuators = options.sources.filter((s) => s.actuator);
  const apps = (s: DataSource): string => {
    const readers = options.readBy[s.id] ?? [];
    const [none, some] = s.actuator ? ['No app may act on it.', 'Acted on by'] : ['No app may read it.', 'Read by'];
    return readers.length === 0 ? none : `${some}: ${readers.map((a) => `<a href="/apps/${encodeURIComponent(a)}">${escapeHtml(a)}</a>`).join(', ')}.`;
  };
  const card = (s: DataSource): string => {
    const got = options.readings.get(s.id);
    const rows = Array.isArray(got) ? got : [];
    const latest = rows[0];
    const value = latest === undefined ? 'no readings yet' : `${escapeHtml(formatValue(latest.data))}${s.unit ? ` ${escapeHtml(s.unit)}` : ''}`;
    const when = latest === undefined ? '' : ` <time datetime="${new Date(latest.timestamp).toISOString()}">at ${new Date(latest.timestamp).toISOString().slice(11, 19)} UTC</time>`;
    const numeric = rows.filter((r) => typeof r.data === 'number' || (typeof r.data === 'object' && r.data !== null && typeof (r.data as { value?: unknown }).value === 'number'));
    const series = numeric.map((r) => [r.timestamp, typeof r.data === 'number' ? r.data : (r.data as { value: number }).value]).reverse();
    return `<li class="source" data-source="${escapeHtml(s.id)}">
  <h3>${escapeHtml(s.description)} <code>${escapeHtml(s.id)}</code></h3>
  <p class="latest">${got && !Array.isArray(got) ? `<span class="error">cannot be read: ${escapeHtml(got.error)}</span>` : `Latest: <strong>${value}</strong>${when}`}</p>
  ${series.length > 1 ? `<canvas class="history" role="img" aria-label="the last ${series.length} readings of ${escapeHtml(s.id)}" data-series="${escapeHtml(JSON.stringify(series))}" data-unit="${escapeHtml(s.unit)}"></canvas>` : ''}
  <p class="origin">from ${escapeHtml(s.driver)} (${escapeHtml(s.type)}). ${apps(s)}</p>
</li>`;
  };
  const body = `<h1>Your data</h1>
<p class="hint">What your drivers collect, as the box holds it. Reading it here goes through the arbiter like an app's reads, as <code>box-dashboard</code>, and is in the audit log.</p>
<section aria-labelledby="sensors-h"><h2 id="sensors-h">Data sources</h2>${sensors.length ? `<ul class="sources">${sensors.map(card).join('\n')}</ul>` : '<p class="empty">No data sources: no driver is running.</p>'}</section>
<section aria-labelledby="actuators-h"><h2 id="actuators-h">Devices apps may act on</h2>${actuators.length ? `<ul>${actuators.map((s) => `<li><strong>${escapeHtml(s.description)}</strong> <code>${escapeHtml(s.id)}</code>: ${apps(s)}</li>`).join('')}</ul>` : '<p class="empty">None.</p>'}</section>
<script src="/dashboard/chart.umd.js"></script><script src="/dashboard/dashboard.data.js"></script>`;
  return page({ title: 'Your data', body, signedIn: true });
}

function formatValue(data: unknown): string {
  if (typeof data === 'number') return String(Number(data.toPrecision(6)));
  if (typeof data === 'object' && data !== null && typeof (data as { value?: unknown }).value === 'number') return formatValue((data as { value: number }).value);
  const text = JSON.stringify(data) ?? String(data);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
