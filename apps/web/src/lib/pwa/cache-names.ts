/** The service worker's cache of API reads (network-first), shared with the page that patches it offline. */
export const API_READS_CACHE = 'oversing-api-reads';
