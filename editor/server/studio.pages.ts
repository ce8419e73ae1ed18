/**
 * The studio's own pages, server-rendered, with no script: sign-in, and a developer's home
 * (their editor, what they published, the versions of their flows with a restore button).
 * Every value is escaped (store-app/pages/html.ts). Pure: data in, HTML out.
 *
 * @example
 * res.send(homePage({ developer, mode: 'local', driver: 'process', versions, published }).text);
 */
import { html, type Html } from '../../store-app/pages/html';
import type { Developer, FlowVersion, PublishedVersion, Replay } from '../db/studio.db';

export interface StudioFacts {
  mode: 'github' | 'local';
  /** The workspace driver and whether it keeps flow code away from the studio. */
  driver: { kind: string; isolated: boolean };
  storeUrl?: string;
}

function layout(title: string, facts: StudioFacts, body: Html): Html {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · Databox Studio</title>
<link rel="stylesheet" href="/studio/static/studio.css">
</head>
<body>
<header><a class="brand" href="/">Databox Studio</a></header>
${notices(facts)}
<main>${body}</main>
</body>
</html>`;
}

function notices(facts: StudioFacts): Html {
  return html`${facts.mode === 'local' ? html`<p class="notice" role="status">No GitHub app is configured: this studio signs in one local developer without asking. Set DATABOX_GITHUB_CLIENT_ID and DATABOX_GITHUB_CLIENT_SECRET for GitHub sign-in.</p>` : ''}
${facts.driver.isolated ? '' : html`<p class="notice warn" role="status">Workspaces run as processes of this studio: a flow's function code is not isolated from the studio's files. This is meant for one developer on their own machine; a studio for several developers uses the docker driver.</p>`}`;
}

export function signInPage(facts: StudioFacts, failed: boolean): Html {
  return layout('Sign in', facts, html`<h1>Sign in</h1>
<p>Build apps for personal data in a Node-RED editor of your own, preview them on simulated data, and publish them to an app store.</p>
${failed ? html`<p class="notice warn" role="alert">GitHub did not sign you in. Try again.</p>` : ''}
<p><a class="button" href="/auth/github">Sign in with GitHub</a></p>`);
}

export interface HomeInput {
  developer: Developer;
  versions: FlowVersion[];
  published: PublishedVersion[];
  /** The readings the developer uploaded for preview, and the types they may upload for. */
  replays: Replay[];
  sourceTypes: { id: string; description: string }[];
  restored?: number;
  message?: { kind: 'ok' | 'error'; text: string };
  /** The workspace's last log lines (its Node-RED output: the developer's own flows). */
  log: string[];
}

export function homePage(facts: StudioFacts, input: HomeInput): Html {
  const { developer } = input;
  return layout('Your apps', facts, html`<h1>Hello, ${developer.name}</h1>
<p class="who">Signed in as <strong>${developer.login}</strong> (${developer.provider === 'github' ? 'GitHub' : 'local developer'}).</p>
<form method="post" action="/auth/signout" class="inline"><button type="submit">Sign out</button></form>
<p><a class="button" href="/workspace/">Open your editor</a></p>
${input.restored ? html`<p class="notice" role="status">Version ${input.restored} is deployed again (as a new version).</p>` : ''}
${input.message ? html`<p class="notice${input.message.kind === 'error' ? ' warn' : ''}" role="${input.message.kind === 'error' ? 'alert' : 'status'}">${input.message.text}</p>` : ''}
<section aria-labelledby="published">
<h2 id="published">Published apps</h2>
${input.published.length === 0
    ? html`<p>Nothing published yet. In the editor, the Databox sidebar builds and publishes the current tab${facts.storeUrl ? html` to <a href="${facts.storeUrl}">${facts.storeUrl}</a>` : ''}.</p>`
    : html`<table><thead><tr><th scope="col">App</th><th scope="col">Version</th><th scope="col">Channel</th><th scope="col">Published</th></tr></thead><tbody>
${input.published.map((p) => html`<tr><td><a href="${p.url}">${p.app}</a></td><td>${p.version}</td><td>${p.channel}</td><td><time datetime="${new Date(p.at).toISOString()}">${new Date(p.at).toISOString().replace('T', ' ').slice(0, 16)} UTC</time></td></tr>`)}
</tbody></table>`}
</section>
<section aria-labelledby="preview-data">
<h2 id="preview-data">Preview data</h2>
<p>Preview simulates every data source. Upload your own readings for one (CSV: one reading per line, the value last, e.g. <code>2026-12-01T10:00:00Z,21.5</code>) and preview replays them instead.</p>
${input.replays.length === 0 ? '' : html`<table><thead><tr><th scope="col">Data source</th><th scope="col">Readings</th><th scope="col">Uploaded</th><th scope="col"><span class="sr-only">Remove</span></th></tr></thead><tbody>
${input.replays.map((r) => html`<tr><td>${r.type}</td><td>${r.count}</td><td>${new Date(r.uploaded).toISOString().replace('T', ' ').slice(0, 16)} UTC</td><td><form method="post" action="/studio/preview-data/${r.type}/remove" class="inline"><button type="submit" aria-label="Simulate ${r.type} again">Remove</button></form></td></tr>`)}
</tbody></table>`}
<form method="post" action="/studio/preview-data" enctype="multipart/form-data" class="upload">
<label for="replay-type">Data source</label>
<select id="replay-type" name="type">${input.sourceTypes.map((t) => html`<option value="${t.id}">${t.id}: ${t.description}</option>`)}</select>
<label for="replay-csv">CSV file</label>
<input id="replay-csv" name="csv" type="file" accept=".csv,text/csv" required>
<button type="submit">Upload</button>
</form>
</section>
<section aria-labelledby="workspace-log">
<h2 id="workspace-log">Your workspace's log</h2>
${input.log.length === 0
    ? html`<p>Nothing logged yet: your workspace starts when you open your editor.</p>`
    : html`<p>The last ${input.log.length} lines Node-RED wrote for your flows (what <code>node.warn</code>, a debug node set to the system console and errors print), oldest first. <a href="/">Reload</a> for newer ones.</p>
<pre class="log" tabindex="0" aria-label="The last lines of your workspace's log">${input.log.join('\n')}</pre>`}
</section>
<section aria-labelledby="versions">
<h2 id="versions">Versions of your flows</h2>
${input.versions.length === 0
    ? html`<p>Every deploy keeps a version here. Nothing deployed yet.</p>`
    : html`<table><thead><tr><th scope="col">Version</th><th scope="col">Saved</th><th scope="col">Nodes</th><th scope="col">What</th><th scope="col"><span class="sr-only">Restore</span></th></tr></thead><tbody>
${input.versions.map((v, i) => html`<tr><td>${v.n}${i === 0 ? ' (deployed)' : ''}</td><td><time datetime="${new Date(v.saved).toISOString()}">${new Date(v.saved).toISOString().replace('T', ' ').slice(0, 19)} UTC</time></td><td>${v.nodes}</td><td>${v.note}</td><td>${i === 0 ? '' : html`<form method="post" action="/studio/versions/${v.n}/restore" class="inline"><button type="submit" aria-label="Deploy version ${v.n} again">Restore</button></form>`}</td></tr>`)}
</tbody></table>`}
</section>`);
}

export function errorPage(facts: StudioFacts, status: number, message: string, hint?: string): Html {
  return layout(`Error ${status}`, facts, html`<h1>${message}</h1>${hint ? html`<p>${hint}</p>` : ''}<p><a href="/">Back to the studio</a></p>`);
}
