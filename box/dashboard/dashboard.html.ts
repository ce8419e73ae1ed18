/**
 * The dashboard's page frame and HTML escaping (pure): every page is server-rendered, loads
 * only the box's own stylesheet, and carries the sign-out form once signed in.
 *
 * @example
 * page({ title: 'Apps', body: '<h1>Apps</h1>', signedIn: true })
 */

/** Text for HTML text and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function page(options: { title: string; body: string; signedIn: boolean }): string {
  const nav = options.signedIn
    ? `<nav aria-label="Box"><a href="/">Apps and drivers</a><a href="/data">Data</a><a href="/stores">App stores</a><a href="/audit">Audit</a><form method="post" action="/logout"><button type="submit">Sign out</button></form></nav>`
    : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(options.title)} · Databox</title><link rel="stylesheet" href="/dashboard/dashboard.css"></head>
<body><header><a class="brand" href="/">Databox</a>${nav}</header><main id="main">${options.body}</main></body></html>
`;
}
