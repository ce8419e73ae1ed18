/**
 * `<NAME>_FILE`: a variable a command reads (its `environment`, or an option's `env`) may be
 * given as a file holding the value, Docker's convention for secrets (`/run/secrets/<name>`):
 * a password in a Swarm service's environment would be in every `docker inspect`. The value set
 * directly wins; the file's trailing newline is not part of the value.
 *
 * @example
 * withFileVariables(SERVE, { DATABASE_URL_FILE: '/run/secrets/store-db' }).DATABASE_URL // 'postgres://...'
 */
import { readFileSync } from 'node:fs';
import { DataboxError } from '../errors';
import type { CommandSpec, Env } from './command.types';

/** Every variable a command and its sub-commands read. Pure. */
export function variableNames(spec: CommandSpec): string[] {
  const names = new Set<string>(Object.keys(spec.environment ?? {}));
  for (const option of Object.values(spec.options)) if (option.env) names.add(option.env);
  for (const sub of Object.values(spec.subcommands ?? {})) for (const name of variableNames(sub)) names.add(name);
  return [...names];
}

export function withFileVariables(spec: CommandSpec, env: Env, read: (file: string) => string = (file) => readFileSync(file, 'utf8')): Env {
  let resolved: Record<string, string | undefined> | undefined;
  for (const name of variableNames(spec)) {
    const file = env[`${name}_FILE`];
    if (env[name] || !file) continue;
    let value: string;
    try {
      value = read(file).replace(/\r?\n$/, '');
    } catch (error) {
      throw new DataboxError('env-file-unreadable', `${name}_FILE names ${file}, which cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`, {
        hint: `Mount the secret there, or set ${name} itself.` });
    }
    resolved ??= { ...env };
    resolved[name] = value;
  }
  return resolved ?? env;
}
