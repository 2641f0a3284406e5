// zod's mini build (tree-shakeable): the first screen carries only the checks it uses
import * as z from 'zod/v4-mini';

/**
 * Build-time settings, validated once. VITE_API_URL is only the fallback: the web server tells the built
 * app where the API is at run time (GET /web-config.json), so one build serves every environment.
 */
const schema = z.object({
  VITE_API_URL: z._default(z.url(), 'http://localhost:3000'),
});

export const env = schema.parse({
  VITE_API_URL: (import.meta.env.VITE_API_URL as string | undefined) || undefined,
});
