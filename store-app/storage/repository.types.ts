/**
 * The store's one repository interface. Two implementations (SQLite, PostgreSQL) pass the same
 * contract suite (`repository.contract.ts`). Every method that changes more than one row runs
 * in one transaction; the listing of an app is recomputed inside it.
 */
import type {
  AppRecord, KeyHandover, SearchPage, SearchQuery, VersionRecord,
} from '../domain/app-store.types';

export interface NewVersion {
  /** The app row to create when this is the app's first version. */
  newApp?: { owner: string; publicKey: string };
  version: VersionRecord;
}

export interface AppStoreRepository {
  readonly kind: 'sqlite' | 'postgres';
  getApp(name: string): Promise<AppRecord | undefined>;
  listVersions(app: string): Promise<VersionRecord[]>;
  getVersion(app: string, version: string): Promise<VersionRecord | undefined>;
  /** One page of listed apps in name order; read it with `searchResult`, or send `searchBody`. */
  searchPage(query: SearchQuery): Promise<SearchPage>;
  /**
   * Records a version (and the app on its first version). Throws DataboxError
   * `app-exists` / `version-exists` when another writer got there first.
   */
  addVersion(input: NewVersion): Promise<void>;
  /** Records many versions in one transaction (imports, mirrors, benchmark seeding); all or none. */
  importVersions(inputs: readonly NewVersion[]): Promise<void>;
  setYanked(app: string, version: string, yanked: boolean): Promise<void>;
  setReview(app: string, version: string, review: 'approved' | 'rejected', by: string): Promise<void>;
  /** Versions waiting for a moderator, oldest first. */
  reviewQueue(): Promise<VersionRecord[]>;
  handOver(handover: KeyHandover): Promise<void>;
  keyHistory(app: string): Promise<KeyHandover[]>;
  saveApiToken(tokenHash: string, login: string): Promise<void>;
  findApiToken(tokenHash: string): Promise<string | undefined>;
  /** True when another version (of any app) points at this blob. */
  blobInUse(blobHash: string): Promise<boolean>;
  close(): Promise<void>;
}
