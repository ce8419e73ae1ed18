/**
 * Whether the box trusts a bundle, and which key it pins (pure but for the signature check):
 * - a bundle from an app store must carry a valid signature over its content hash;
 * - the first install of an app pins the publisher's key; a later version must be signed by
 *   the pinned key, or by a key the pinned one handed the app over to (a chain of hand-overs,
 *   each signed by the key before it);
 * - only a local bundle may be installed unsigned, and only when the owner says so
 *   (`--unsigned`): a developer's sideload, marked as such.
 *
 * @example
 * const trust = verifyTrust({ app: 'host-load', contentHash, signature, publicKey, handovers: [], pinned: undefined, local: false, unsigned: false });
 * trust.pin // the key to pin
 */
import { DataboxError } from '../../core/errors';
import { keyFingerprint, verifyBundleSignature, verifyHandover } from '../../core/bundle/bundle.signature';

export interface Handover { oldPublicKey: string; newPublicKey: string; signature: string }

export interface TrustInput {
  app: string;
  contentHash: string;
  signature?: string;
  publicKey?: string;
  /** The app's key hand-overs, oldest first (from the store). */
  handovers: readonly Handover[];
  /** The key pinned at this app's first install, if any. */
  pinned?: string;
  /** From a local file or folder (not an app store). */
  local: boolean;
  /** The owner allows an unsigned local bundle. */
  unsigned: boolean;
}

export type Trust = { signed: true; publicKey: string; pin: string } | { signed: false };

export function verifyTrust(input: TrustInput): Trust {
  if (!input.signature || !input.publicKey) {
    if (!input.local) throw refused('bundle-unsigned', `${input.app} from the app store carries no signature`, 'Install only signed bundles from a store; ask the publisher to publish with `databox publish`.');
    if (!input.unsigned) throw refused('bundle-unsigned', `${input.app} is not signed`, 'A local bundle you built yourself may be sideloaded unsigned with --unsigned; the box marks it as such.');
    if (input.pinned) throw refused('bundle-unsigned', `${input.app} was installed before signed by ${keyFingerprint(input.pinned)}; an unsigned version cannot replace it`, 'Install a version signed by the same publisher, or uninstall the app first.');
    return { signed: false };
  }
  if (!verifyBundleSignature({ contentHash: input.contentHash, signature: input.signature, publicKey: input.publicKey })) {
    throw refused('signature-invalid', `the signature of ${input.app} does not match its contents (content hash ${input.contentHash.slice(0, 16)}...)`, 'The bundle changed after it was signed; do not install it.');
  }
  if (input.pinned && input.pinned !== input.publicKey && !handedOver(input.app, input.pinned, input.publicKey, input.handovers)) {
    throw refused('publisher-key-changed', `${input.app} is signed by ${keyFingerprint(input.publicKey)}, not by ${keyFingerprint(input.pinned)}, the key it was first installed with, and no signed hand-over links them`, 'Someone else may be publishing under this name; do not install it unless its publisher handed it over.');
  }
  return { signed: true, publicKey: input.publicKey, pin: input.publicKey };
}

/** True when a chain of hand-overs, each signed by the key before it, leads from `from` to `to`. */
function handedOver(app: string, from: string, to: string, handovers: readonly Handover[]): boolean {
  let current = from;
  for (const h of handovers) {
    if (h.oldPublicKey !== current) continue;
    if (!verifyHandover({ app, newPublicKey: h.newPublicKey, signature: h.signature, currentPublicKey: current })) return false;
    current = h.newPublicKey;
    if (current === to) return true;
  }
  return current === to;
}

function refused(code: string, message: string, hint: string): DataboxError {
  return new DataboxError(code, message, { status: 403, hint });
}
