/**
 * The update review page (pure), from the review the box computed from the installed SLA and
 * the newer verified bundle (box/install/update.review.ts): only what changes, and when the
 * permissions grow, the owner is asked again (a checkbox carrying the review's consent, which
 * the box checks). The form sends only the version, the bindings of new data sources and the
 * consent; the update streams its progress into the page (public/dashboard.stream.js).
 *
 * @example
 * updatePage({ review, store: 'http://store:8080' })
 */
import type { UpdateReview } from '../install/update.review';
import { grantWords } from './dashboard.component';
import { escapeHtml, page } from './dashboard.html';

export type UpdatePageReview = UpdateReview & { newer: boolean };

const GRADE_WORDS = { low: 'Low risk', medium: 'Medium risk', high: 'High risk' } as const;

export function updatePage(options: { review: UpdatePageReview; store: string }): string {
  const r = options.review;
  const name = encodeURIComponent(r.name);
  const list = (items: readonly string[]): string => `<ul>${items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul>`;
  if (!r.newer) {
    const body = `<h1>${escapeHtml(r.displayName)} <span class="version">${escapeHtml(r.from)}</span></h1>
<p class="notice" role="status">${escapeHtml(r.from)} is the newest version ${escapeHtml(options.store)} offers${r.to !== r.from ? ` (it lists ${escapeHtml(r.to)})` : ''}.</p>
<p><a href="/apps/${name}">Back to ${escapeHtml(r.displayName)}</a></p>`;
    return page({ title: `Update ${r.displayName}`, body, signedIn: true });
  }
  const bindings = r.datasources.map((d) => {
    const id = `bind-${d.clientid}`;
    const chosen = r.bindings[d.clientid];
    const choices = d.candidates.map((c) => `<option value="${escapeHtml(c)}"${c === chosen || (!chosen && d.candidates.length === 1 && d.required) ? ' selected' : ''}>${escapeHtml(c)}</option>`).join('');
    const control = d.candidates.length === 0
      ? `<p class="error" id="${escapeHtml(id)}">You have no ${escapeHtml(d.type)} source.</p>`
      : `<select id="${escapeHtml(id)}" name="bind" data-clientid="${escapeHtml(d.clientid)}">${d.required ? '' : '<option value="">not granted</option>'}${choices}</select>`;
    return `<li><label for="${escapeHtml(id)}">${escapeHtml(d.clientid)}: ${escapeHtml(d.type)}${chosen ? '' : ' (new)'}${d.required ? '' : ' (optional)'}</label> ${control}</li>`;
  }).join('');
  const more = [...r.added, ...r.lineageAdded];
  const body = `<h1>Update ${escapeHtml(r.displayName)}: <span class="version">${escapeHtml(r.from)}</span> to <span class="version">${escapeHtml(r.to)}</span>?</h1>
<p class="${r.signed ? 'signed' : 'error'}">${escapeHtml(r.vouchedBy)}</p>
<p class="risk-line risk-${r.risk.grade}">${escapeHtml(r.to)}: ${GRADE_WORDS[r.risk.grade]} (${r.risk.score})</p>
${more.length
    ? `<section aria-labelledby="more-h" class="asks-more"><h2 id="more-h">It asks for more than ${escapeHtml(r.from)}</h2>${list(more)}</section>`
    : `<p class="notice">It asks for nothing ${escapeHtml(r.from)} could not do.</p>`}
${r.removed.length + r.lineageRemoved.length ? `<section aria-labelledby="less-h"><h2 id="less-h">No longer</h2>${list([...r.removed, ...r.lineageRemoved])}</section>` : ''}
${r.stillRevoked.length ? `<section aria-labelledby="revoked-h"><h2 id="revoked-h">Still revoked</h2><p>You took these away from ${escapeHtml(r.from)}; ${escapeHtml(r.to)} does not get them back:</p>${list(r.stillRevoked.map(grantWords))}</section>` : ''}
<form id="update" class="streamed" data-url="/api/apps/${name}/update" data-body="${escapeHtml(JSON.stringify({ version: r.to }))}" data-done="Updated" data-failed="Not updated">
  ${bindings ? `<fieldset><legend>Which of your data it reads</legend><ul class="bindings">${bindings}</ul></fieldset>` : ''}
  ${r.grows ? `<p><label><input type="checkbox" name="consent" value="${escapeHtml(r.consent)}" required> I allow ${escapeHtml(r.displayName)} ${escapeHtml(r.to)} to do what it asks for more</label></p>` : ''}
  <p class="hint">The box keeps ${escapeHtml(r.from)} and a copy of its data: you can roll back from its page. If ${escapeHtml(r.to)} does not start healthy, the box goes back to ${escapeHtml(r.from)} by itself and says why.</p>
  <button type="submit">Update to ${escapeHtml(r.to)}</button> <a href="/apps/${name}">Cancel</a>
</form>
<section aria-labelledby="progress-h" hidden id="progress-section"><h2 id="progress-h">Updating</h2><ol id="progress" aria-live="polite"></ol><p id="outcome" role="status"></p></section>
<script src="/dashboard/dashboard.stream.js"></script>`;
  return page({ title: `Update ${r.displayName}`, body, signedIn: true });
}
