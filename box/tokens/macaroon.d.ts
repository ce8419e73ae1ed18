/**
 * Types for the parts of the `macaroon` npm package (v3, no bundled types) the box's tests use
 * as the reference implementation (box/tokens mints and verifies with node:crypto).
 */
declare module 'macaroon' {
  export interface MacaroonCaveat {
    identifier: Uint8Array;
    location?: string;
    vid?: Uint8Array;
  }

  export interface Macaroon {
    readonly caveats: MacaroonCaveat[];
    readonly location: string;
    readonly identifier: Uint8Array;
    readonly signature: Uint8Array;
    addFirstPartyCaveat(caveatId: string | Uint8Array): void;
    addThirdPartyCaveat(rootKey: string | Uint8Array, caveatId: string | Uint8Array, location?: string): void;
    /** Throws when the signature or a caveat check fails; `check` returns an error or null. */
    verify(rootKey: Uint8Array, check: (condition: string) => string | null, discharges?: Macaroon[]): void;
    exportBinary(): Uint8Array;
  }

  export function newMacaroon(params: { identifier: string | Uint8Array; location?: string; rootKey: string | Uint8Array; version?: 1 | 2 }): Macaroon;
  export function importMacaroon(data: string | Uint8Array): Macaroon;
  export function bytesToBase64(bytes: Uint8Array): string;
  export function base64ToBytes(text: string): Uint8Array;
}
