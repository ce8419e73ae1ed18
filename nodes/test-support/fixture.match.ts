/**
 * Partial deep matching for fixture expectations: every key the expectation names must match
 * (extra keys in the actual message are fine), arrays match element by element and length,
 * the placeholders "$number" / "$string" match any value of that type, and
 * `{"$approx": x, "digits"?: d}` a number within half a unit of the d-th decimal of x
 * (default 9: the same decimal value, whatever the float rounding of the sum that made it).
 *
 * @example
 * mismatch({ payload: 1, _msgid: 'x' }, { payload: 1 });   // undefined (a match)
 * mismatch({ payload: 2 }, { payload: 1 });                // 'payload: expected 1, got 2'
 */
export function mismatch(actual: unknown, expected: unknown, path = ''): string | undefined {
  const at = path || '(root)';
  if (expected === '$number') return typeof actual === 'number' ? undefined : `${at}: expected a number, got ${JSON.stringify(actual)}`;
  if (expected === '$string') return typeof actual === 'string' ? undefined : `${at}: expected a string, got ${JSON.stringify(actual)}`;
  if (isApprox(expected)) {
    const digits = expected.digits ?? 9;
    return typeof actual === 'number' && Math.abs(actual - expected.$approx) < 0.5 * 10 ** -digits
      ? undefined : `${at}: expected ${expected.$approx} to ${digits} decimals, got ${JSON.stringify(actual)}`;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return `${at}: expected an array, got ${JSON.stringify(actual)}`;
    if (actual.length !== expected.length) return `${at}: expected ${expected.length} elements, got ${actual.length}`;
    for (let i = 0; i < expected.length; i++) {
      const problem = mismatch(actual[i], expected[i], `${path}[${i}]`);
      if (problem) return problem;
    }
    return undefined;
  }
  if (typeof expected === 'object' && expected !== null) {
    if (typeof actual !== 'object' || actual === null) return `${at}: expected an object, got ${JSON.stringify(actual)}`;
    for (const [key, value] of Object.entries(expected)) {
      const problem = mismatch((actual as Record<string, unknown>)[key], value, path ? `${path}.${key}` : key);
      if (problem) return problem;
    }
    return undefined;
  }
  return Object.is(actual, expected) ? undefined : `${at}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`;
}

function isApprox(value: unknown): value is { $approx: number; digits?: number } {
  return typeof value === 'object' && value !== null && '$approx' in value && typeof value.$approx === 'number';
}
