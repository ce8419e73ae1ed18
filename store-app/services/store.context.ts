/** What the services and routes share: configuration, storage and the caller checks. */
import type { Authenticator } from '../auth/authenticate';
import type { BlobStore } from '../blobs/blob-store.types';
import type { StoreConfig } from '../config/store.config';
import type { RateLimiter } from '../publish/rate-limit';
import type { StoreRepository } from '../storage/repository.types';

export interface StoreContext {
  config: StoreConfig;
  repo: StoreRepository;
  blobs: BlobStore;
  auth: Authenticator;
  publishLimit: RateLimiter;
  now: () => Date;
}

export function isModerator(context: StoreContext, login: string): boolean {
  return context.config.moderators.includes(login.toLowerCase());
}
