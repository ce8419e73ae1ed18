/**
 * Checks a value against a catalogue type's schema: the actuator node checks what it writes and
 * a driver what it is asked to act on, so a light switched with "banana" is refused with a
 * clear error, never sent to a device. Pure.
 *
 * @example
 * valueProblem({ type: 'number', minimum: 0, maximum: 254 }, 300);   // 'must be at most 254'
 * valueProblem({ type: 'boolean' }, true);                            // undefined
 */
import type { ValueSchema } from './catalogue.types';

export function valueProblem(schema: ValueSchema, value: unknown, path = 'value'): string | undefined {
  switch (schema.type) {
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return `${path} must be a number`;
      if (schema.minimum !== undefined && value < schema.minimum) return `${path} must be at least ${schema.minimum}`;
      if (schema.maximum !== undefined && value > schema.maximum) return `${path} must be at most ${schema.maximum}`;
      return undefined;
    case 'boolean':
      return typeof value === 'boolean' ? undefined : `${path} must be true or false`;
    case 'string':
      if (typeof value !== 'string') return `${path} must be a string`;
      return schema.enum && !schema.enum.includes(value) ? `${path} must be one of ${schema.enum.join(', ')}` : undefined;
    case 'object': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return `${path} must be an object`;
      const record = value as Record<string, unknown>;
      for (const key of schema.required ?? []) if (!(key in record)) return `${path}.${key} is missing`;
      for (const [key, child] of Object.entries(schema.properties)) {
        if (key in record) {
          const problem = valueProblem(child, record[key], `${path}.${key}`);
          if (problem) return problem;
        }
      }
      return undefined;
    }
  }
}
