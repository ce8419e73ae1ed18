// Types of studio.logic.browser.js for the Node tests that require it (the browser needs none).
export interface EnvVariable { name: string; value: unknown; type?: string }
export interface StudioError { code: string; message: string; hint: string; problems: unknown[] }
export type StreamEvent =
  | { kind: 'progress'; text: string }
  | { kind: 'done'; result: Record<string, unknown> }
  | { kind: 'error'; error: StudioError }
  | { kind: 'invalid'; text: string };

export function ndjsonChunk(buffered: string, chunk: string): { objects: unknown[]; rest: string };
export function ndjsonEnd(rest: string): unknown[];
export function streamEvent(object: unknown): StreamEvent;
export function failureOf(status: number, bodyText: string, doing: string, who?: string): StudioError;
export function isDataboxError(bodyText: string): boolean;
export function unreachable(doing: string, error: unknown): StudioError;
export function envValue(env: unknown, name: string): string;
export function withEnv(env: unknown, name: string, value: string): EnvVariable[];
export function nodeLabel(node: { id: string; type: string; name?: string } | undefined): string;
export function newestFirst<T>(list: readonly T[], item: T, max: number): T[];
export function reportsOfTab<T extends { z?: string }>(reports: readonly T[], tab: string | undefined, isTab: (z: string) => boolean): { shown: T[]; hidden: number };
export function dataText(data: unknown, max?: number): string;
export function clock(ms: number): string;
