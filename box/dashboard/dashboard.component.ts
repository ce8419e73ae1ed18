/**
 * One app's or driver's page (pure): its status in words, start/stop/restart, a newer version in
 * its store (to review) and the version an update replaced (to roll back to, in one click), its
 * permissions in plain words with the owner's bindings, its output as a live tail
 * (public/dashboard.logs.js), and uninstall with the choice to keep or delete its data.
 *
 * @example
 * componentPage({ view, permissions: ['Reads your ...'], message: 'Stopped.' })
 */
import type { ComponentView } from '../api/box.components.view';
import type { Grant } from '../arbiter/arbiter.types';
import { escapeHtml, page } from './dashboard.html';
import { STATUS_TONE, STATUS_WORDS } from './dashboard.apps';

export interface VersionFacts {
  /** A newer version its store lists. */
  newer?: string;
  /** The version the last update replaced, kept to roll back to, and when. */
  previous?: { version: string; replaced: Date };
}

export function componentPage(options: { view: ComponentView; permissions: string[]; message?: string; versions?: VersionFacts }): string {
  const c = options.view;
  const name = encodeURIComponent(c.name);
  const action = (verb: 'start' | 'stop' | 'restart', label: string): string => `<form method="post" action="/dashboard/apps/${name}/${verb}"><button type="submit">${label}</button></form>`;
  const running = c.status === 'running' || c.status === 'starting' || c.status === 'restarting';
  const bindings = Object.entries(c.bindings);
  const body = `<h1>${escapeHtml(c.displayName)} <span class="version">${escapeHtml(c.version)}</span></h1>
<p>${escapeHtml(c.description)}</p>
${options.message ? `<p class="notice" role="status">${escapeHtml(options.message)}</p>` : ''}
<p class="status status-${STATUS_TONE[c.status]}" id="status"><span class="visually-hidden">Status: </span>${escapeHtml(STATUS_WORDS[c.status])}</p>
<div class="actions">${running ? action('stop', 'Stop') + action('restart', 'Restart') : action('start', 'Start')}${c.page && c.status === 'running' ? `<a class="open" href="${escapeHtml(c.page)}">Open ${escapeHtml(c.displayName)}</a>` : ''}</div>
${versionSection(c, options.versions ?? {})}
<section aria-labelledby="may-h"><h2 id="may-h">What it may do</h2><ul>${options.permissions.map((p) => `<li>${escapeHtml(p)}</li>`).join('')}</ul>
${bindings.length ? `<p>Reads: ${bindings.map(([clientid, source]) => `${escapeHtml(clientid)} from your <code>${escapeHtml(source)}</code>`).join(', ')}</p>` : ''}</section>
<section aria-labelledby="grants-h"><h2 id="grants-h">What it is granted now</h2>
${c.grants.length === 0 ? '<p class="empty">Nothing: it can read no data and send nothing.</p>' : `<ul class="grants">${c.grants.map((g, i) => `<li><span>${escapeHtml(grantWords(g))}</span>
  <form method="post" action="/dashboard/apps/${name}/revoke"><input type="hidden" name="grant" value="${i}"><button type="submit" class="danger" aria-label="Revoke: ${escapeHtml(grantWords(g))}">Revoke</button></form></li>`).join('')}</ul>
<p class="hint">Revoking takes effect at once (its tokens for it stop working) and lasts across restarts; installing it again grants what it asks for again.</p>`}</section>
<section aria-labelledby="logs-h"><h2 id="logs-h">Output</h2><pre id="logs" class="logs" tabindex="0" aria-live="off" data-name="${escapeHtml(c.name)}">…</pre></section>
<section aria-labelledby="remove-h"><h2 id="remove-h">Uninstall</h2>
<form method="post" action="/dashboard/apps/${name}/uninstall" class="uninstall">
  <fieldset><legend>Its data</legend>
    <label><input type="radio" name="data" value="keep" checked> Keep it (it comes back if you install ${escapeHtml(c.displayName)} again)</label>
    <label><input type="radio" name="data" value="delete"> Delete it</label>
  </fieldset>
  <button type="submit" class="danger">Uninstall ${escapeHtml(c.displayName)}</button>
</form></section>
<script src="/dashboard/dashboard.logs.js"></script>${options.versions?.previous ? '<script src="/dashboard/dashboard.stream.js"></script>' : ''}`;
  return page({ title: c.displayName, body, signedIn: true });
}

function versionSection(c: ComponentView, v: VersionFacts): string {
  if (!v.newer && !v.previous) return '';
  const name = encodeURIComponent(c.name);
  const when = v.previous ? v.previous.replaced.toISOString().replace('T', ' ').slice(0, 16) : '';
  return `<section aria-labelledby="version-h"><h2 id="version-h">Versions</h2>
${v.newer ? `<p class="notice">${escapeHtml(c.displayName)} ${escapeHtml(v.newer)} is in its store. <a href="/apps/${name}/update">Review the update</a></p>` : ''}
${v.previous ? `<form id="rollback" class="streamed" data-url="/api/apps/${name}/rollback" data-body="{}" data-done="Rolled back" data-failed="Not rolled back">
  <p>${escapeHtml(v.previous.version)} is kept, with its data as it was at the update (${escapeHtml(when)} UTC). Rolling back brings it back as it was; what ${escapeHtml(c.version)} wrote since is lost.</p>
  <button type="submit">Roll back to ${escapeHtml(v.previous.version)}</button>
</form>
<section aria-labelledby="progress-h" hidden id="progress-section"><h3 id="progress-h">Rolling back</h3><ol id="progress" aria-live="polite"></ol><p id="outcome" role="status"></p></section>` : ''}
</section>`;
}

/** One grant as the owner reads it. */
export function grantWords(g: Grant): string {
  if (g.destination) return `Send data to ${g.destination}${g.privacy ? ' (private: the box adds the noise)' : ''}`;
  if (g.observe) return `Watch new readings of ${g.target}${g.path}`;
  const verb = { GET: 'Read', POST: 'Write', DELETE: 'Delete in' }[g.method];
  return `${verb} ${g.target}${g.path}`;
}
