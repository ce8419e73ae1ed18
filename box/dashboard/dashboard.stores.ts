/**
 * The stores page (pure): the app stores this box installs from, a form to add one, a search
 * over all of them, and each found app with what it does with data and a link to review it.
 *
 * @example
 * storesPage({ stores: ['http://store:8080'], q: 'load', results: [{ store, items: [...] }] })
 */
import type { AppSummary } from '../../store-app/domain/app-store.types';
import { escapeHtml, page } from './dashboard.html';

/** One app of a store's search (its API's own row type: the box reads what the store answers). */
export type StoreApp = Pick<AppSummary, 'name' | 'displayName' | 'description' | 'owner' | 'type' | 'version' | 'exportsData' | 'approved'>;

export interface StoreResult {
  store: string;
  items?: StoreApp[];
  error?: string;
}

export function storesPage(options: { stores: string[]; q: string; results: StoreResult[]; error?: string }): string {
  const stores = options.stores.length === 0
    ? '<p class="empty">This box knows no app store yet: add one below.</p>'
    : `<ul class="stores">${options.stores.map((s) => `<li><code>${escapeHtml(s)}</code></li>`).join('')}</ul>`;
  const add = `<form class="inline" method="post" action="/dashboard/stores">
  <label for="store-url">App store URL</label>
  <input id="store-url" name="url" type="url" required placeholder="https://store.example.org"${options.error ? ' aria-invalid="true" aria-describedby="store-error"' : ''}>
  <button type="submit">Add store</button>
</form>${options.error ? `<p class="error" id="store-error" role="alert">${escapeHtml(options.error)}</p>` : ''}`;
  const search = options.stores.length === 0 ? '' : `<form class="inline" method="get" action="/stores" role="search">
  <label for="q">Search apps and drivers</label>
  <input id="q" name="q" type="search" value="${escapeHtml(options.q)}" placeholder="temperature, load, lights...">
  <button type="submit">Search</button>
</form>`;
  const results = options.results.map((r) => {
    if (r.error) return `<section class="store-result"><h3>${escapeHtml(r.store)}</h3><p class="error">${escapeHtml(r.error)}</p></section>`;
    const items = r.items ?? [];
    const cards = items.map((a) => `<li class="store-app" data-app="${escapeHtml(a.name)}">
  <div class="what"><h4>${escapeHtml(a.displayName)} <span class="version">${escapeHtml(a.version)}</span></h4><p>${escapeHtml(a.description)}</p>
  <p class="origin">${a.type === 'driver' ? 'a driver' : 'an app'} by ${escapeHtml(a.owner)} · <span class="${a.exportsData ? 'tag-warn' : 'tag-ok'}">${a.exportsData ? 'sends data off the box' : 'keeps data on the box'}</span>${a.approved ? ' · approved by the store' : ''}</p></div>
  <a class="open" href="/install?${new URLSearchParams({ store: r.store, app: a.name }).toString()}">Review ${escapeHtml(a.displayName)}</a>
</li>`).join('\n');
    return `<section class="store-result"><h3>${escapeHtml(r.store)}</h3>${items.length === 0 ? '<p class="empty">Nothing found here.</p>' : `<ul class="components">${cards}</ul>`}</section>`;
  }).join('\n');
  const body = `<h1>App stores</h1>${stores}${add}${search}${results}`;
  return page({ title: 'App stores', body, signedIn: true });
}
