/**
 * The shapes of box tokens (macaroons, docs/decisions/0003-box-protocols.md): what a token
 * claims, what a request presents, and what verification answers.
 */

export type TokenMethod = 'GET' | 'POST' | 'DELETE';
export const TOKEN_METHODS: readonly TokenMethod[] = ['GET', 'POST', 'DELETE'];

export type ObserveKind = 'data' | 'audit';
export const OBSERVE_KINDS: readonly ObserveKind[] = ['data', 'audit'];

/** What a token allows, written into it as first-party caveats. */
export interface TokenClaims {
  /** The host name of the store (or `export-service`) the token is for. */
  target: string;
  /** An exact path, or a prefix ending in `*`. */
  path: string;
  method: TokenMethod;
  observe?: ObserveKind;
  /** Export tokens: the one URL the token may send to. */
  destination?: string;
  /**
   * Export tokens to a private destination: the spec the export service enforces, as
   * canonical JSON (core/privacy/privacy.text.ts), copied from the owner's grant, never asked for.
   */
  privacy?: string;
  /** The component the token was minted for (revocation follows its generation). */
  component: string;
  generation: number;
  /** Expiry, ms since the epoch. */
  expiresAt: number;
}

/** The facts of one request, checked against a token's caveats. */
export interface RequestFacts {
  target: string;
  path: string;
  method: string;
  observe?: ObserveKind;
  destination?: string;
  /** ms since the epoch */
  now: number;
}

/** The component's current generation; undefined when the component is unknown (refused). */
export type GenerationLookup = (component: string) => number | undefined;

export type VerifyFailure = {
  ok: false;
  status: 401 | 403;
  /** Stable code, e.g. `token-expired`, `token-caveat-path`. */
  code: string;
  /** The caveat that failed, as written in the token (when one did). */
  caveat?: string;
  /** On 403 (the token itself is genuine): the component it was minted for, for the audit log. */
  component?: string;
  message: string;
};

export type VerifyResult = { ok: true; component: string; claims: TokenClaims } | VerifyFailure;
