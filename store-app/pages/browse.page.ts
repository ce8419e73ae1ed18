/** The browse/search page (pure rendering). */
import type { AppSummary, SearchQuery, SearchResult } from '../domain/app-store.types';
import { badge, html, layout, type Html } from './html';

export function appBadges(a: { approved: boolean; type: string; channel?: string; exportsData: boolean }): Html {
  return html`${a.approved ? badge('approved', 'good') : ''}${a.type === 'driver' ? badge('driver', 'info') : ''}${a.channel === 'beta' ? badge('beta', 'warn') : ''}${
    a.exportsData ? badge('sends data off the box', 'warn') : badge('keeps data on the box', 'good')}`;
}

function card(a: AppSummary): Html {
  return html`<article class="card app" data-app="${a.name}"><h2><a href="/apps/${a.name}">${a.displayName}</a> <small>${a.version}</small></h2>
<div>${appBadges(a)}</div><p>${a.description}</p>
<small>by ${a.owner}${a.tags.length ? html` · tags: ${a.tags.map((t, i) => html`${i ? ', ' : ''}<a href="/?tag=${encodeURIComponent(t)}">${t}</a>`)}` : ''}
${a.datasourceTypes.length ? html` · uses ${a.datasourceTypes.join(', ')}` : ''}</small></article>`;
}

/**
 * @example
 * res.send(browsePage(query, searchResult(await repo.searchPage(query))));
 */
export function browsePage(query: SearchQuery, result: SearchResult): string {
  const exportsValue = query.exportsData === undefined ? '' : query.exportsData ? 'yes' : 'no';
  const option = (value: string, label: string, current: string) => html`<option value="${value}"${current === value ? html` selected` : ''}>${label}</option>`;
  const next = query.offset + query.limit < result.total;
  const params = (offset: number) => new URLSearchParams({
    ...(query.text ? { q: query.text } : {}), ...(query.tag ? { tag: query.tag } : {}), ...(query.type ? { type: query.type } : {}),
    ...(query.datasourceType ? { datasource: query.datasourceType } : {}), ...(exportsValue ? { exports: exportsValue } : {}), offset: String(offset),
  }).toString();
  return layout('Browse apps', html`<h1>Apps for your Databox</h1>
<form class="search" method="get" action="/" role="search">
<input type="text" name="q" value="${query.text ?? ''}" placeholder="Search apps and drivers" aria-label="Search">
<select name="type" aria-label="Type">${option('', 'apps and drivers', query.type ?? '')}${option('app', 'apps', query.type ?? '')}${option('driver', 'drivers', query.type ?? '')}</select>
<input type="text" name="datasource" value="${query.datasourceType ?? ''}" placeholder="data-source type" aria-label="Data-source type" size="14">
<select name="exports" aria-label="Sends data off the box">${option('', 'exports data or not', exportsValue)}${option('no', 'keeps data on the box', exportsValue)}${option('yes', 'sends data off the box', exportsValue)}</select>
${query.tag ? html`<input type="hidden" name="tag" value="${query.tag}">` : ''}
<button type="submit">Search</button></form>
<p>${result.total} ${result.total === 1 ? 'result' : 'results'}${query.tag ? html` tagged <b>${query.tag}</b>` : ''}</p>
${result.items.map(card)}
${result.items.length === 0 ? html`<p>No app matches. Try fewer words.</p>` : ''}
<nav>${query.offset > 0 ? html`<a href="/?${params(Math.max(0, query.offset - query.limit))}">previous</a> ` : ''}${next ? html`<a href="/?${params(query.offset + query.limit)}">next</a>` : ''}</nav>`);
}
