/**
 * The configuration @finhooks/next's README recommends: without `skipTrailingSlashRedirect`, Next.js
 * answers `/webhooks/atomic/` with a 308 redirect before any route runs (providers do not follow it).
 */
export default {
  skipTrailingSlashRedirect: true,
  typescript: { ignoreBuildErrors: true },
};
