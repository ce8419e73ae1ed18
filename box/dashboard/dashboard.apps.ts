/**
 * The dashboard's home (pure): how isolated the box is, then each installed app and driver
 * with its status in words (never by colour alone), where it came from and its page.
 *
 * @example
 * appsPage({ components, driver: 'docker', isolation: 'each app runs in its own container ...' })
 */
import type { ComponentView } from '../api/box.components.view';
import { escapeHtml, page } from './dashboard.html';

export const STATUS_WORDS: Record<ComponentView['status'], string> = {
  starting: 'starting', running: 'running', stopped: 'stopped', 'stopped-by-owner': 'stopped by you',
  crashed: 'crashed', restarting: 'restarting', 'crash-loop': 'crash loop: stopped after repeated crashes', missing: 'not running',
};
export const STATUS_TONE: Record<ComponentView['status'], 'ok' | 'warn' | 'bad'> = {
  starting: 'warn', running: 'ok', stopped: 'warn', 'stopped-by-owner': 'warn', crashed: 'bad', restarting: 'warn', 'crash-loop': 'bad', missing: 'bad',
};

export function appsPage(options: { components: ComponentView[]; driver: string; isolated: boolean; isolation: string; message?: string }): string {
  const apps = options.components.filter((c) => c.kind === 'app');
  const drivers = options.components.filter((c) => c.kind === 'driver');
  const row = (c: ComponentView): string => {
    const origin = originWords(c.origin);
    const open = c.page && c.status === 'running' ? `<a class="open" href="${escapeHtml(c.page)}">Open ${escapeHtml(c.displayName)}</a>` : '';
    return `<li class="component" data-name="${escapeHtml(c.name)}" data-status="${escapeHtml(c.status)}">
  <div class="what"><h3><a href="/apps/${encodeURIComponent(c.name)}">${escapeHtml(c.displayName)}</a> <span class="version">${escapeHtml(c.version)}</span></h3><p>${escapeHtml(c.description)}</p><p class="origin">${origin}</p></div>
  <p class="status status-${STATUS_TONE[c.status]}"><span class="visually-hidden">Status: </span>${escapeHtml(STATUS_WORDS[c.status])}</p>${open}
</li>`;
  };
  const list = (items: ComponentView[], none: string): string => (items.length === 0 ? `<p class="empty">${none}</p>` : `<ul class="components">${items.map(row).join('\n')}</ul>`);
  const body = `<h1>Your box</h1>
${options.message ? `<p class="notice" role="status">${escapeHtml(options.message)}</p>` : ''}
<p class="isolation ${options.isolated ? 'isolated' : 'not-isolated'}"><strong>${escapeHtml(options.driver)} driver:</strong> ${escapeHtml(options.isolation)}</p>
<section aria-labelledby="apps-h"><h2 id="apps-h">Apps</h2>${list(apps, 'No apps installed yet: install one from an app store with <code>databox box install</code>.')}</section>
<section aria-labelledby="drivers-h"><h2 id="drivers-h">Drivers</h2>${list(drivers, 'No drivers running.')}</section>`;
  return page({ title: 'Your box', body, signedIn: true });
}

/** Where a component came from, for the owner. */
function originWords(origin: ComponentView['origin']): string {
  if (origin.kind === 'store' && 'store' in origin) return `from ${escapeHtml(String(origin.store))}${'publisher' in origin && origin.publisher ? `, published by ${escapeHtml(String(origin.publisher))}` : ''}`;
  if (origin.kind === 'builtin') return 'built into the box';
  return 'sideloaded from a bundle file';
}
