/** What the services and routes share: configuration, storage and the caller checks. */
import type { Authenticator } from '../auth/authenticate';
import type { BlobStore } from '../blobs/blob-store.types';
import type { AppStoreConfig } from '../config/app-store.config';
import type { RateLimiter } from '../publish/rate-limit';
import type { AppStoreRepository } from '../storage/repository.types';

export interface AppStoreContext {
  config: AppStoreConfig;
  repo: AppStoreRepository;
  blobs: BlobStore;
  auth: Authenticator;
  publishLimit: RateLimiter;
  now: () => Date;
}

export function isModerator(context: AppStoreContext, login: string): boolean {
  return context.config.moderators.includes(login.toLowerCase());
}
