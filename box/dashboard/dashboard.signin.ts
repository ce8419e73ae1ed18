/**
 * The sign-in page (pure): one password field that posts `password` to `/login`, and the reason
 * a sign-in failed, said in words next to the field.
 *
 * @example
 * signInPage({ error: 'that is not the owner password' })
 */
import { escapeHtml, page } from './dashboard.html';

export function signInPage(options: { error?: string } = {}): string {
  const error = options.error ? `<p class="error" id="signin-error" role="alert">${escapeHtml(options.error)}</p>` : '';
  const body = `<h1>Sign in to your box</h1>
<form class="signin" method="post" action="/login">
  <label for="password">Owner password</label>
  <input id="password" name="password" type="password" autocomplete="current-password" required autofocus${options.error ? ' aria-describedby="signin-error" aria-invalid="true"' : ''}>
  ${error}
  <button type="submit">Sign in</button>
</form>
<p class="hint">The password was printed once, when the box first started (or set with DATABOX_PASSWORD).</p>`;
  return page({ title: 'Sign in', body, signedIn: false });
}
