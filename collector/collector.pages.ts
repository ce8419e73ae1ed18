/**
 * The collector's two pages, server-rendered: the list of studies, and one study's estimate
 * drawn with Chart.js as reports arrive (public/collector.page.js polls the API). Pure.
 *
 * @example
 * studyPage(view) // '<!doctype html>...'
 */
import type { StudyView } from './collector.study';

const escape = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const round = (n: number | null, digits = 4): string => (n === null ? '–' : Number(n.toPrecision(digits)).toLocaleString('en-US'));

function layout(title: string, body: string, scripts = ''): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)}</title><link rel="stylesheet" href="/assets/collector.css"></head>
<body><header><a href="/">Databox study collector</a></header><main>${body}</main>${scripts}</body></html>
`;
}

/** The sentence a researcher reads first: what the study has learnt so far (plain text). */
export function summary(view: StudyView): string {
  if (view.mechanism === 'laplace') {
    if (view.estimate === null) return 'No reports yet.';
    const interval = view.low === null || view.high === null ? '' : ` (95% interval ${round(view.low)} to ${round(view.high)})`;
    return `${view.reports.toLocaleString('en-US')} reports: the population's mean is about ${round(view.estimate)}${interval}.`;
  }
  const shares = (view.shares ?? []).map((s) => `${s.category} ${round(s.estimate === null ? null : s.estimate * 100, 3)}% (±${round(s.high === null || s.estimate === null ? null : (s.high - s.estimate) * 100, 2)})`);
  return `${view.reports.toLocaleString('en-US')} reports: ${shares.join(', ') || 'too few categories seen yet'}.`;
}

export function listPage(views: StudyView[]): string {
  const rows = views.map((v) => `<tr><td><a href="/studies/${encodeURIComponent(v.study)}">${escape(v.study)}</a></td><td>${escape(v.mechanism)}</td><td>${v.epsilon}</td><td>one a ${v.period}</td><td>${escape(summary(v))}</td></tr>`).join('');
  const body = views.length === 0
    ? '<h1>Studies</h1><p>No reports yet. A box sends a study\'s reports to <code>POST /studies/&lt;study&gt;/reports</code>: name that URL in a <code>databox-private-export</code> node.</p>'
    : `<h1>Studies</h1><table><thead><tr><th scope="col">study</th><th scope="col">mechanism</th><th scope="col">epsilon</th><th scope="col">rate</th><th scope="col">so far</th></tr></thead><tbody>${rows}</tbody></table>`;
  return layout('Studies: Databox study collector', body);
}

export function studyPage(view: StudyView): string {
  const about = `${escape(view.mechanism)} reports, epsilon ${view.epsilon}, at most one per box a ${view.period}`;
  const body = `<h1>Study ${escape(view.study)}</h1><p class="about">${about}</p>
<p id="summary" aria-live="polite">${escape(summary(view))}</p>
<figure><canvas id="chart" role="img" aria-label="the estimate of study ${escape(view.study)} as reports arrive"></canvas>
<figcaption>${view.mechanism === 'laplace' ? 'The estimated mean (line) and its 95% interval (band) by number of reports.' : 'Each answer\'s estimated share and its 95% interval. The estimates are unbiased, so with few reports one can fall below 0% or above 100%.'}</figcaption></figure>
<p><a href="/api/studies/${encodeURIComponent(view.study)}">JSON</a></p>`;
  return layout(`Study ${view.study}: Databox study collector`, body,
    `<script src="/assets/chart.umd.js"></script><script src="/assets/collector.page.js" data-study="${escape(view.study)}"></script>`);
}
