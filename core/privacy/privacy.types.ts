/**
 * A private export (issue 12): an `export-whitelist` entry with `privacy` is a destination the
 * box's export service, not the app, makes differentially private. The entry says how:
 * `laplace` for one number clamped to `bounds`, `randomized-response` for one of `categories`;
 * `epsilon` is spent by each report, and one report is allowed per `period`.
 */
export type PrivacyPeriod = 'day' | 'hour';

export interface LaplacePrivacy {
  mechanism: 'laplace';
  epsilon: number;
  period: PrivacyPeriod;
  /** [lo, hi]: a value is clamped to these before noise; hi - lo is the sensitivity. */
  bounds: [number, number];
  unit?: string;
}

export interface RandomizedResponsePrivacy {
  mechanism: 'randomized-response';
  epsilon: number;
  period: PrivacyPeriod;
  categories: string[];
}

export type PrivacySpec = LaplacePrivacy | RandomizedResponsePrivacy;

/** What leaves the box for a private destination (the contract). */
export type PrivateReport =
  | { value: number; mechanism: 'laplace'; epsilon: number; period: PrivacyPeriod }
  | { category: string; mechanism: 'randomized-response'; epsilon: number; period: PrivacyPeriod };

/**
 * Beyond this a report says almost nothing private (e^10 ≈ 22,000); below the floor the noise
 * drowns any study. Both refused at validation.
 */
export const EPSILON_MAX = 10;
export const EPSILON_MIN = 0.01;
export const MAX_CATEGORIES = 64;
export const PERIOD_MS: Record<PrivacyPeriod, number> = { day: 86_400_000, hour: 3_600_000 };
