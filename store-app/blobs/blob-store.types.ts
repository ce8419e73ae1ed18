/**
 * Where bundle tarballs live, addressed by the sha256 (hex) of their bytes. The file-system
 * implementation is the default; an object store can implement the same four calls later.
 */
export interface BlobStore {
  /** Stores the bytes; returns their sha256 and whether they were already there. */
  put(data: Buffer): Promise<{ hash: string; existed: boolean }>;
  get(hash: string): Promise<Buffer | undefined>;
  has(hash: string): Promise<boolean>;
  delete(hash: string): Promise<void>;
}

/** A blob address: exactly 64 lower-case hex digits (never a path). */
export const BLOB_HASH = /^[0-9a-f]{64}$/;
