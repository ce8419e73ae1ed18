/** A repository's search page read back as summaries, as the store's pages read it. */
import type { SearchQuery, SearchResult } from '../domain/app-store.types';
import { searchResult } from '../storage/record.mapping';
import type { AppStoreRepository } from '../storage/repository.types';

export async function search(repo: Pick<AppStoreRepository, 'searchPage'>, query: SearchQuery): Promise<SearchResult> {
  return searchResult(await repo.searchPage(query));
}
