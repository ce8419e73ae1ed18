/**
 * The install review page (pure), from the review the box computed from the verified bundle
 * (box/install/install.review.ts): who vouches for it, its risk grade with the reasons, what it
 * may do, each data source with the owner's sources to bind it to, where data can go. The form
 * sends only the app, the store and the owner's bindings; the box decides every grant itself.
 * Installing streams its progress into the page (public/dashboard.stream.js).
 *
 * @example
 * reviewPage({ review, store: 'http://store:8080', app: 'host-load' })
 */
import type { InstallReview } from '../install/install.review';
import { escapeHtml, page } from './dashboard.html';

const GRADE_WORDS = { low: 'Low risk', medium: 'Medium risk', high: 'High risk' } as const;

export function reviewPage(options: { review: InstallReview; store: string; app: string; drivers?: Record<string, { store: string; name: string; displayName: string }[]> }): string {
  const r = options.review;
  const offered = options.drivers ?? {};
  const list = (items: string[]): string => `<ul>${items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul>`;
  const sources = r.datasources.map((d) => {
    const id = `bind-${d.clientid}`;
    const choices = d.candidates.map((c) => `<option value="${escapeHtml(c)}"${c === d.boundTo || (d.candidates.length === 1 && d.required) ? ' selected' : ''}>${escapeHtml(c)}</option>`).join('');
    const none = d.required ? '' : '<option value="">not granted</option>';
    const offers = (offered[d.type] ?? []).map((o) => `<a href="/install?${escapeHtml(new URLSearchParams({ store: o.store, app: o.name }).toString())}">Review ${escapeHtml(o.displayName)}</a>`);
    const control = d.candidates.length === 0
      ? `<p class="error" id="${escapeHtml(id)}">You have no ${escapeHtml(d.type)} source${d.required ? ': it is required, so this cannot be installed yet' : ''}. ${offers.length ? `A driver that provides it: ${offers.join(', ')}.` : 'No store of yours has a driver that provides it.'}</p>`
      : `<select id="${escapeHtml(id)}" name="bind" data-clientid="${escapeHtml(d.clientid)}">${none}${choices}</select>`;
    return `<li><label for="${escapeHtml(id)}">${escapeHtml(d.clientid)}: ${escapeHtml(d.type)}${d.actuator ? ' (acts on a device)' : ''}${d.required ? '' : ' (optional)'}</label> ${control}</li>`;
  }).join('');
  // A required source the owner has none of: nothing to install with until a driver provides it.
  const blocked = r.datasources.some((d) => d.required && d.candidates.length === 0);
  const body = `<h1>Install ${escapeHtml(r.displayName)} <span class="version">${escapeHtml(r.version)}</span>?</h1>
<p>${escapeHtml(r.description)}</p>
<p class="${r.signed ? 'signed' : 'error'}">${escapeHtml(r.vouchedBy)}</p>
<section aria-labelledby="risk-h" class="risk risk-${r.risk.grade}"><h2 id="risk-h">${GRADE_WORDS[r.risk.grade]} <span class="score">(${r.risk.score})</span></h2>
${r.risk.reasons.length === 0 ? '<p>It reads none of your data and sends nothing off the box.</p>' : `<p>Because it:</p><ul class="reasons">${r.risk.reasons.map((x) => `<li><span class="weight">${x.weight}</span> ${escapeHtml(x.text)}</li>`).join('')}</ul>`}</section>
<section aria-labelledby="may-h"><h2 id="may-h">It may</h2>${list(r.permissions)}</section>
<section aria-labelledby="goes-h"><h2 id="goes-h">Where your data can go</h2>${r.lineage.length ? list(r.lineage) : '<p>None of your data can leave the box.</p>'}</section>
<form id="install" class="streamed" data-url="/api/install" data-body="${escapeHtml(JSON.stringify({ app: options.app, store: options.store }))}" data-done="Installed" data-failed="Not installed">
  <fieldset><legend>Which of your data it reads</legend>${sources ? `<ul class="bindings">${sources}</ul>` : '<p>It reads none of your data sources.</p>'}</fieldset>
  <button type="submit"${blocked ? ' disabled' : ''}>Install</button> <a href="/stores">Cancel</a>
</form>
<section aria-labelledby="progress-h" hidden id="progress-section"><h2 id="progress-h">Installing</h2><ol id="progress" aria-live="polite"></ol><p id="outcome" role="status"></p></section>
<script src="/dashboard/dashboard.stream.js"></script>`;
  return page({ title: `Install ${r.displayName}`, body, signedIn: true });
}
