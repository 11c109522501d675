/**
 * The site's base path, always ending in `/` (`/`, or `/study/` when built with SITE_BASE), for
 * every link and fetch the pages and islands make. Vite replaces `import.meta.env.BASE_URL` at build
 * time, so this is a constant in both the server and the browser bundles.
 */
import { withTrailingSlash } from './shared/trailing-slash';

export const siteBase: string = withTrailingSlash(import.meta.env.BASE_URL);
