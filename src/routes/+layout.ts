// A static single-page app: every route is prerendered as a shell and all data work happens in the
// browser (DuckDB in a worker), so there is nothing to render on a server.
export const prerender = true;
export const ssr = false;
// Folders with index.html, so the site works from any static host or intranet share.
export const trailingSlash = 'always';
