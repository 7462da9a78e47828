/**
 * The response headers the site is made to be served with, in one place: the build writes them
 * into `_headers` (templates/_headers.njk, for Netlify and Cloudflare Pages), `bulletin serve`
 * sends them (src/serve/preview.ts), and docs/hosting.md gives them for nginx, Apache and Caddy
 * (tests/csp.test.ts checks that it does). Why each: docs/hosting.md.
 */

/** Only the site's own scripts, styles and images; WebAssembly for Pagefind's search engine. */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'self'",
].join("; ");

export const SITE_HEADERS: Readonly<Record<string, string>> = {
  "Content-Security-Policy": CONTENT_SECURITY_POLICY,
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "strict-origin-when-cross-origin",
};
