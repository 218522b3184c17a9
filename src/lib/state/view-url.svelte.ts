/**
 * The URL the views read their choices from (filters, measure, year…).
 *
 * A choice (replace-query.ts) writes its query string into the current history entry and here, without a
 * router navigation: a SvelteKit goto to the same page cost ~15 ms of every filter click with 1M referrals
 * loaded (it reads the scroll position, which forces a layout of the page the click has just changed), and
 * its shallow replaceState leaves `page.url` as it was. Any real navigation (a link, Back, a reload) gives a new
 * `page.url`, which is then the URL again; a reload or Back reads the written URL from the address bar.
 */
import { page } from '$app/state';

let written = $state.raw<{ over: URL; url: URL } | null>(null);

export const viewUrl = {
  /** The page's URL with the latest choices. */
  get current(): URL {
    const w = written;
    return w !== null && w.over === page.url ? w.url : page.url;
  },
  /** Make `url` (same page, new query string) the current one, replacing the history entry. */
  write(url: URL): void {
    // The router's own state (history and navigation indices) is kept, so Back and Forward work as before.
    history.replaceState(history.state, '', url);
    written = { over: page.url, url };
  }
};
