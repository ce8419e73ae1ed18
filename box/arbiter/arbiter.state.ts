/**
 * The arbiter's operations over its database, shared by the admin and token routes: every
 * change is audited and every revocation is pushed to the stores before it returns.
 */
import { createHash, randomBytes } from 'node:crypto';
import { DataboxError } from '../../core/errors';
import type { AuditInput } from '../audit/audit.types';
import { privacyText } from '../../core/privacy/privacy.text';
import type { ArbiterDb } from './arbiter.db';
import { sameGrant, sameRoute } from './arbiter.grants';
import type { GenerationsHub } from './arbiter.generations';
import { COMPONENT_NAME, COMPONENT_TYPES, type Component, type ComponentType, type Grant, type Registration } from './arbiter.types';

export interface AuditRecorder {
  record(event: AuditInput): void;
  /** Resolves once the event is durable locally (the audit client's spool); see audit.client.ts. */
  recordDurably?(event: AuditInput): Promise<void>;
}

export interface ArbiterState {
  db: ArbiterDb;
  audit: AuditRecorder;
  hub(): GenerationsHub | undefined;
}

/** @example hashKey('k') // sha256 hex */
export function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/**
 * Registers a component; a store or service gets a fresh secret. The key is the one given
 * (at least 32 characters) or a new random one. Resolves once the stores know its generation.
 *
 * @example
 * await register(state, { name: 'my-app', type: 'app' }) // { name, type, key, generation }
 */
export async function register(state: ArbiterState, input: { name: string; type: ComponentType; endpoint?: string; key?: string }): Promise<Registration> {
  if (!COMPONENT_NAME.test(input.name)) throw new DataboxError('component-name-invalid', `"${input.name}" is not a valid component name`, { status: 400, hint: 'Use lower-case letters, digits and "-", starting with a letter.' });
  if (!COMPONENT_TYPES.includes(input.type)) throw new DataboxError('component-type-invalid', `type must be one of ${COMPONENT_TYPES.join(', ')}`, { status: 400 });
  if (state.db.get(input.name)) throw new DataboxError('component-exists', `component "${input.name}" is already registered`, { status: 409, hint: 'Unregister it first, or pick another name.' });
  const key = input.key ?? randomBytes(32).toString('base64url');
  if (key.length < 32 || key.length > 256) throw new DataboxError('component-key-weak', 'a component key must be 32-256 characters', { status: 400 });
  if (state.db.byKeyHash(hashKey(key))) throw new DataboxError('component-key-taken', 'that key belongs to another component', { status: 409 });
  const holdsSecret = input.type === 'store' || input.type === 'service';
  const secret = holdsSecret ? randomBytes(32).toString('base64url') : undefined;
  const stored = state.db.register({ name: input.name, type: input.type, keyHash: hashKey(key), ...(secret ? { secret } : {}), ...(input.endpoint ? { endpoint: input.endpoint } : {}) });
  state.audit.record({ component: input.name, kind: 'register', detail: input.type });
  await state.hub()?.publish(stored.name, stored.generation);
  return { name: stored.name, type: stored.type, key, generation: stored.generation, ...(secret ? { secret } : {}) };
}

/** Bumps the generation (all outstanding tokens fail) and waits until the stores know. */
export async function revokeTokens(state: ArbiterState, name: string, why: string): Promise<number> {
  const generation = state.db.bump(name);
  state.audit.record({ component: name, kind: 'revoke', detail: why });
  await state.hub()?.publish(name, generation);
  return generation;
}

export async function unregister(state: ArbiterState, name: string): Promise<void> {
  if (!state.db.unregister(name)) throw unknownComponent(name);
  state.audit.record({ component: name, kind: 'unregister' });
  await state.hub()?.publish(name, null);
}

export function requireComponent(state: ArbiterState, name: string): Component {
  const component = state.db.get(name);
  if (!component) throw unknownComponent(name);
  return component;
}

/**
 * Gives a component a route. The same route held with another privacy spec is replaced, and
 * the component's tokens are revoked: a token carries the spec it was minted with.
 */
export async function grant(state: ArbiterState, name: string, route: Grant): Promise<boolean> {
  requireComponent(state, name);
  const target = state.db.get(route.target);
  if (!target || (target.type !== 'store' && target.type !== 'service')) throw new DataboxError('grant-target-unknown', `"${route.target}" is not a registered store or service`, { status: 400, hint: 'Register the store first.' });
  const replaces = state.db.grants(name).some((held) => sameRoute(held, route) && !sameGrant(held, route));
  const added = state.db.addGrant(name, route);
  if (added) {
    const privacy = route.privacy ? `private: ${privacyText(route.privacy)}` : undefined;
    const detail = [route.observe ? `observe ${route.observe}` : undefined, privacy].filter(Boolean).join('; ');
    state.audit.record({ component: name, kind: 'grant', target: route.target, path: route.path, method: route.method, ...(route.destination ? { destination: route.destination } : {}), ...(detail ? { detail } : {}) });
  }
  if (replaces) await revokeTokens(state, name, `the privacy of ${route.destination ?? route.path} changed`);
  return added;
}

function unknownComponent(name: string): DataboxError {
  return new DataboxError('component-unknown', `no component "${name}" is registered`, { status: 404 });
}
