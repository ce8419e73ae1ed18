/**
 * What the Databox sidebar shows for one tab of the editor's current, undeployed flows: the
 * manifest the builder derives, its permissions in plain words and its lineage sentences
 * (the app store's own wording), and every problem that stops a build, each naming its node.
 * It runs the builder's `compile` itself, never a copy of its rules: what the sidebar says is
 * what a build does. Pure but for the module folders `compile` reads (decision 0015).
 *
 * @example
 * manifestReport({ flows: RED.nodes.createCompleteNodeSet(), tab: 'f1' })
 * // { status: 200, body: { manifest, permissions: [{kind, key, text}], lineage: ['Sends ...'], problems: [] } }
 */
import { BuildRefusedError, compile, type CompileOptions } from '../../builder/compile';
import { DataboxError, type NodeRef } from '../../core/errors';
import { describeLineage, describePermissions, type Permission } from '../../core/manifest/manifest.permissions';
import type { Manifest } from '../../core/manifest/manifest.types';

/** The most nodes one request may hold: far past any app, short of a request that stalls the workspace. */
export const MAX_REPORT_NODES = 20_000;

export interface ReportProblem {
  code: string;
  message: string;
  hint?: string;
  node?: NodeRef;
}

export interface ManifestReport {
  /** Present when the builder could derive it: with problems, it is the app as the flow stands. */
  manifest?: Manifest;
  permissions: Permission[];
  lineage: string[];
  /** Empty when the tab builds. */
  problems: ReportProblem[];
}

export type ReportAnswer =
  | { status: 200; body: ManifestReport }
  | { status: number; body: ReturnType<DataboxError['toJSON']> };

/** Errors about the request itself (which flows, which tab), answered as errors rather than listed as the app's problems. */
const REQUEST_ERRORS = new Set(['flows-invalid', 'flows-too-deep', 'tab-required', 'tab-not-found', 'tab-ambiguous']);

export function manifestReport(body: unknown, options: CompileOptions = {}): ReportAnswer {
  let request: { flows: unknown[]; tab: string };
  try {
    request = readRequest(body);
  } catch (error) {
    if (error instanceof DataboxError) return { status: error.status, body: error.toJSON() };
    throw error;
  }
  try {
    return { status: 200, body: report(compile(request.flows, request.tab, options).manifest, []) };
  } catch (error) {
    if (error instanceof BuildRefusedError) return { status: 200, body: report(error.manifest, error.problems) };
    if (error instanceof DataboxError && REQUEST_ERRORS.has(error.code)) return { status: error.status, body: error.toJSON() };
    // Anything else the builder refuses (a third-party module it cannot pack, ...) stops a build too.
    if (error instanceof DataboxError) return { status: 200, body: report(undefined, [error]) };
    throw error;
  }
}

/** The body: `{flows: [...nodes], tab: "<tab id>"}`, the tab one of the flows' tabs. */
export function readRequest(body: unknown): { flows: unknown[]; tab: string } {
  const hint = 'POST {"flows": RED.nodes.createCompleteNodeSet(), "tab": "<tab id>"} as JSON';
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new DataboxError('report-body-invalid', 'the body must be a JSON object with "flows" and "tab"', { hint });
  const { flows, tab } = body as { flows?: unknown; tab?: unknown };
  if (!Array.isArray(flows)) throw new DataboxError('report-body-invalid', '"flows" must be an array of the editor\'s nodes', { hint });
  if (typeof tab !== 'string' || tab.trim() === '') throw new DataboxError('report-body-invalid', '"tab" must be the id of a flow tab', { hint });
  if (flows.length > MAX_REPORT_NODES) {
    throw new DataboxError('report-too-large', `the flows have ${flows.length} nodes; the sidebar reads at most ${MAX_REPORT_NODES}`, { status: 413, hint: 'Split the work over several workspaces or delete unused tabs.' });
  }
  // The sidebar asks about a tab it shows: by id, never a label or a tab made up for tabless flows.
  if (!flows.some((n) => typeof n === 'object' && n !== null && (n as { id?: unknown }).id === tab && (n as { type?: unknown }).type === 'tab')) {
    throw new DataboxError('tab-not-found', `the flows have no tab with the id "${tab.slice(0, 100)}"`, { status: 404, hint: 'Send the id of one of the flows\' tabs (RED.workspaces.active()).' });
  }
  return { flows, tab };
}

function report(manifest: Manifest | undefined, problems: readonly DataboxError[]): ManifestReport {
  return {
    ...(manifest ? { manifest } : {}),
    permissions: manifest ? describePermissions(manifest) : [],
    lineage: manifest ? describeLineage(manifest) : [],
    problems: problems.map((p) => ({ code: p.code, message: p.message, ...(p.hint ? { hint: p.hint } : {}), ...(p.node ? { node: p.node } : {}) })),
  };
}
