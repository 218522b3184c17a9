/**
 * How every view writes its choices to the link: the query string made anew from the current one, the
 * history entry replaced (a choice is not a page, so Back leaves the view), focus and scroll kept (there is
 * no navigation: view-url.svelte.ts says why).
 */
import { viewUrl } from './view-url.svelte';

export function replaceQuery(write: (params: URLSearchParams) => URLSearchParams): Promise<void> {
  const url = new URL(viewUrl.current);
  url.search = write(url.searchParams).toString();
  viewUrl.write(url);
  return Promise.resolve();
}
