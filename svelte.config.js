import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    // A plain folder of static files: every page prerendered as an empty shell that
    // hydrates in the browser, so the site works from any web server or intranet share.
    adapter: adapter({ pages: 'build', assets: 'build', fallback: undefined, strict: true }),
    paths: { relative: true },
    // The Content-Security-Policy, written into every prerendered page as a <meta http-equiv> tag (intranet
    // hosts rarely set headers). Nothing outside the app's own origin; each allowance beyond 'self' is
    // explained in docs/security.md. 'hash' mode adds the hash of SvelteKit's inline start-up script to
    // script-src, so no script runs inline without it.
    csp: {
      mode: 'hash',
      directives: {
        'default-src': ['self'],
        // DuckDB's wasm is compiled in its worker; 'wasm-unsafe-eval' lets wasm compile (not JS eval), so the
        // same policy also works when a host sends it as a header that covers the worker too.
        'script-src': ['self', 'wasm-unsafe-eval'],
        // DuckDB's worker starts from a blob: URL so that it inherits this policy (db/engine.ts).
        'worker-src': ['self', 'blob:'],
        // Observable Plot writes <style> elements and Svelte sets style attributes at run time.
        'style-src': ['self', 'unsafe-inline'],
        // PNG export draws an SVG through an <img> from a blob: URL; exported pictures show as data: URIs.
        'img-src': ['self', 'data:', 'blob:'],
        'font-src': ['self'],
        'connect-src': ['self'],
        'manifest-src': ['self'],
        'media-src': ['none'],
        'frame-src': ['none'],
        'object-src': ['none'],
        'base-uri': ['self'],
        'form-action': ['self']
      }
    }
  }
};

export default config;
