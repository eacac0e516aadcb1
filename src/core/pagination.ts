/**
 * The two paging styles of these APIs as async iterators. Each fetches the next page only when the
 * caller has consumed the previous one, and stops on a short or empty page.
 */

/** Page numbers from 1 (`pageSize`/`pageNumber`, answers with `entities`, `pageCount`/`nextUri`). */
export async function* pageNumberItems<T>(
  fetchPage: (pageNumber: number) => Promise<{ entities?: T[]; pageCount?: number; nextUri?: string; pageSize?: number }>,
  pageSize: number,
): AsyncGenerator<T, void, undefined> {
  for (let pageNumber = 1; ; pageNumber++) {
    const page = await fetchPage(pageNumber);
    const entities = page.entities ?? [];
    yield* entities;
    const lastByCount = page.pageCount !== undefined && pageNumber >= page.pageCount;
    if (entities.length === 0 || entities.length < pageSize || lastByCount || (page.pageCount === undefined && !page.nextUri)) return;
  }
}

/**
 * Message-id cursors (`after`/`before`): ascending pages move `after` to the last id seen, descending
 * pages move `before`. The other bound, if given, stays.
 */
export async function* messageCursorItems<T extends { id?: string }>(
  fetchPage: (cursor: { after?: string; before?: string }) => Promise<{ entities?: T[] }>,
  start: { after?: string; before?: string; sortOrder: 'ascending' | 'descending'; pageSize: number },
): AsyncGenerator<T, void, undefined> {
  let after = start.after;
  let before = start.before;
  for (;;) {
    const page = await fetchPage({ ...(after ? { after } : {}), ...(before ? { before } : {}) });
    const entities = page.entities ?? [];
    yield* entities;
    const last = entities[entities.length - 1]?.id;
    if (entities.length < start.pageSize || !last) return;
    if (start.sortOrder === 'ascending') after = last;
    else before = last;
  }
}
