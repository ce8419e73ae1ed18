/**
 * Whether a new version waits for a moderator (pure). Open stores publish at once; curated
 * stores queue new apps and versions whose permissions grow over the listed version.
 */
import type { Manifest } from '../../core/manifest/manifest.types';
import { diffPermissions, permissionsGrow } from '../../core/manifest/manifest.diff';
import type { ReviewState } from './app-store.types';

export type AppStoreMode = 'open' | 'curated';

/**
 * @example
 * initialReview('curated', previous?.manifest, manifest); // 'pending' or 'approved'
 */
export function initialReview(mode: AppStoreMode, previous: Manifest | undefined, next: Manifest): ReviewState {
  if (mode === 'open') return 'open';
  if (!previous) return 'pending';
  return permissionsGrow(diffPermissions(previous, next)) ? 'pending' : 'approved';
}
