/**
 * What a valid manifest may ask that this box cannot yet do safely, refused before anything is
 * installed rather than half-honoured. Pure.
 *
 * @example
 * const refused = unsupportedBy(manifest); if (refused) throw refused;
 */
import { DataboxError } from '../../core/errors';
import type { Manifest } from '../../core/manifest/manifest.types';

export function unsupportedBy(m: Manifest): DataboxError | undefined {
  if (m['databox-type'] === 'driver' && (m['external-whitelist'] ?? []).length > 0) {
    return new DataboxError('driver-egress-unsupported', `${m.name} asks to reach ${m['external-whitelist']?.flatMap((e) => e.urls).join(', ')}, and this box cannot yet let a driver reach outside hosts (no egress proxy)`, {
      status: 400, hint: 'Only drivers that need no outside host can be installed for now.' });
  }
  return undefined;
}
