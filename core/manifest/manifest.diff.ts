/**
 * The permission difference between two versions of an app (pure), one rule for both sides:
 * a version whose permissions grow waits for a moderator in a curated store, and a box asks
 * its owner again before it updates to it.
 */
import type { Manifest } from './manifest.types';
import { describeLineage, describePermissions, type Permission } from './manifest.permissions';

export interface PermissionDiff {
  added: Permission[];
  removed: Permission[];
  unchanged: Permission[];
  lineageAdded: string[];
  lineageRemoved: string[];
}

/**
 * @example
 * const diff = diffPermissions(v1.manifest, v2.manifest);
 * if (permissionsGrow(diff)) queueForReview();
 */
export function diffPermissions(from: Manifest, to: Manifest): PermissionDiff {
  const before = describePermissions(from);
  const after = describePermissions(to);
  const beforeKeys = new Set(before.map((p) => p.key));
  const afterKeys = new Set(after.map((p) => p.key));
  const lineageBefore = describeLineage(from);
  const lineageAfter = describeLineage(to);
  return {
    added: after.filter((p) => !beforeKeys.has(p.key)),
    removed: before.filter((p) => !afterKeys.has(p.key)),
    unchanged: after.filter((p) => beforeKeys.has(p.key)),
    lineageAdded: lineageAfter.filter((s) => !lineageBefore.includes(s)),
    lineageRemoved: lineageBefore.filter((s) => !lineageAfter.includes(s)),
  };
}

/** True when the newer version may do something the older one could not. */
export function permissionsGrow(diff: PermissionDiff): boolean {
  return diff.added.length > 0 || diff.lineageAdded.length > 0;
}
