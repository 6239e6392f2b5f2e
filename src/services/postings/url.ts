const TRACKING_PARAM =
  /^(?:utm_.*|by_theme|gclid|fbclid|ref|referer|referrer|source|src|campaign|mc_.*|_ga|igshid)$/i;

/** A URL with what does not identify the page removed: tracking parameters, fragment, trailing slash, case of host. */
export function canonicalUrl(raw: string): string {
  const url = new URL(raw.trim());
  url.hash = '';
  url.hostname = url.hostname.toLowerCase().replace(/^www\./, '');
  for (const key of [...url.searchParams.keys()]) {
    if (TRACKING_PARAM.test(key)) url.searchParams.delete(key);
  }
  url.searchParams.sort();
  url.protocol = 'https:';
  const path = url.pathname.replace(/\/+$/, '');
  return `${url.protocol}//${url.host}${path}${url.search}`;
}
