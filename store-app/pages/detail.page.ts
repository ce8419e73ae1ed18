/** The app detail page and the permission diff page (pure rendering). */
import type { AppView } from '../api/app.views';
import type { PermissionDiff } from '../../core/manifest/manifest.diff';
import { appBadges } from './browse.page';
import { badge, html, layout } from './html';

/**
 * @example
 * res.send(detailPage(appView(app, versions, handovers)!));
 */
export function detailPage(app: AppView): string {
  const listed = app.versions.find((v) => v.version === app.listedVersion);
  const versions = app.versions.map((v, i) => {
    const older = app.versions[i + 1];
    return html`<tr class="version" data-version="${v.version}"><td><b>${v.version}</b> ${v.channel === 'beta' ? badge('beta', 'warn') : ''}${v.yanked ? badge('yanked', 'muted') : ''}${v.review === 'approved' ? badge('approved', 'good') : ''}</td>
<td>${v.publishedAt.slice(0, 10)}</td><td>${v.changelog || html`<i>no changelog</i>`}</td>
<td><a href="${v.bundleUrl}">download</a>${older ? html` · <a href="/apps/${app.name}/diff?from=${older.version}&amp;to=${v.version}">permission changes</a>` : ''}</td></tr>`;
  });
  return layout(app.displayName, html`<h1>${app.displayName} <small>${app.listedVersion ?? ''}</small></h1>
<div>${appBadges({ ...app, channel: listed?.channel })}</div>
<p>${app.description}</p>
<p><small>${app.type === 'driver' ? 'Driver' : 'App'} <code>${app.name}</code> by ${app.owner} · signed with key <code>${app.keyFingerprint}</code>${app.homepage ? html` · <a href="${app.homepage}" rel="nofollow noopener">homepage</a>` : ''}</small></p>
<section class="card" id="permissions"><h2>What it may do</h2>
${app.permissions.length ? html`<ul class="perms">${app.permissions.map((p) => html`<li data-kind="${p.kind}">${p.text}</li>`)}</ul>` : html`<p>Nothing: it reads no data and sends nothing anywhere.</p>`}</section>
<section class="card" id="lineage"><h2>Where your data goes</h2>
${app.lineage.length ? html`<ul class="perms">${app.lineage.map((s) => html`<li>${s}</li>`)}</ul>` : html`<p>Your data stays on your box.</p>`}</section>
<section class="card"><h2>Versions</h2><table><thead><tr><th>version</th><th>published</th><th>changes</th><th></th></tr></thead><tbody>${versions}</tbody></table>
${app.keyHandovers.length ? html`<p><small>Key hand-overs: ${app.keyHandovers.map((h) => html`${h.from} → ${h.to} (${h.at.slice(0, 10)}) `)}</small></p>` : ''}</section>`);
}

/**
 * @example
 * res.send(diffPage('loadmon', '1.0.0', '1.1.0', diffPermissions(a.manifest, b.manifest)));
 */
export function diffPage(name: string, from: string, to: string, diff: PermissionDiff): string {
  const none = diff.added.length + diff.removed.length + diff.lineageAdded.length + diff.lineageRemoved.length === 0;
  return layout(`${name}: ${from} → ${to}`, html`<h1><a href="/apps/${name}">${name}</a>: permissions ${from} → ${to}</h1>
<section class="card" id="diff">${none ? html`<p>The permissions did not change.</p>` : html`<ul class="perms">
${diff.added.map((p) => html`<li class="added">+ ${p.text}</li>`)}${diff.lineageAdded.map((s) => html`<li class="added">+ ${s}</li>`)}
${diff.removed.map((p) => html`<li class="removed">− ${p.text}</li>`)}${diff.lineageRemoved.map((s) => html`<li class="removed">− ${s}</li>`)}</ul>`}
${diff.unchanged.length ? html`<h2>Unchanged</h2><ul class="perms">${diff.unchanged.map((p) => html`<li>${p.text}</li>`)}</ul>` : ''}</section>`);
}

export function notFoundPage(message: string): string {
  return layout('Not found', html`<h1>Not found</h1><p>${message}</p><p><a href="/">Browse all apps</a></p>`);
}
