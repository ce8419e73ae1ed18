/**
 * Safe HTML building for the server-rendered pages (pure): every value goes through `escape`;
 * `Html` marks text that is already safe. The pages run no script at all.
 */
export class Html {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

export function escape(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * A tagged template that escapes every interpolated value unless it is Html (or a list of it).
 *
 * @example
 * html`<p>${userText}</p>`; // user text escaped
 */
export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return new Html(out);
}

function render(value: unknown): string {
  if (value instanceof Html) return value.text;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === undefined || value === null || value === false) return '';
  return escape(String(value));
}

export function badge(text: string, kind: 'good' | 'warn' | 'info' | 'muted'): Html {
  return html`<span class="badge ${kind}">${text}</span>`;
}

const STYLE = `
body{font:16px/1.5 system-ui,sans-serif;margin:0;color:#1d2230;background:#f6f7fb}
header{background:#23395d;color:#fff;padding:.8rem 1.5rem}header a{color:#fff;text-decoration:none;font-weight:600}
main{max-width:60rem;margin:0 auto;padding:1rem 1.5rem}
.card{background:#fff;border:1px solid #dde1ea;border-radius:8px;padding:1rem;margin:.8rem 0}
.card h2{margin:0 0 .3rem;font-size:1.15rem}
.badge{display:inline-block;border-radius:999px;padding:0 .6rem;font-size:.8rem;margin-right:.3rem}
.good{background:#d9f2e1;color:#125c2c}.warn{background:#fde8cf;color:#7a4100}.info{background:#dfe9fb;color:#173f7a}.muted{background:#eceef3;color:#555}
form.search{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center}form.search input[type=text]{flex:1;min-width:12rem;padding:.4rem}
ul.perms li{margin:.2rem 0}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #dde1ea;padding:.4rem;text-align:left;vertical-align:top}
.added{color:#125c2c}.removed{color:#8a1c1c;text-decoration:line-through}code{font-size:.85em}
`;

/** The page around every store page. */
export function layout(title: string, body: Html): string {
  return `<!doctype html>${html`<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} - Databox app store</title><style>${new Html(STYLE)}</style></head>
<body><header><a href="/">Databox app store</a></header><main>${body}</main></body></html>`.text}`;
}
