/**
 * How every view writes its choices to the link: the query string made anew from the current one, the
 * history entry replaced (a choice is not a page, so Back leaves the view), focus and scroll kept.
 */
import { goto } from '$app/navigation';
import { page } from '$app/state';

export function replaceQuery(write: (params: URLSearchParams) => URLSearchParams): Promise<void> {
  const url = new URL(page.url);
  url.search = write(url.searchParams).toString();
  return goto(url, { replaceState: true, keepFocus: true, noScroll: true });
}
