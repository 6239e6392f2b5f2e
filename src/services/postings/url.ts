const TRACKING_PARAM =
  /^(?:utm_.*|by_theme|gclid|fbclid|msclkid|yclid|dclid|ref|referer|referrer|source|src|campaign|mc_.*|_ga|_gl|igshid)$/i;

/**
 * Job boards whose posting pages are named by their path alone: any query is a search or tracking context.
 * Saramin names a posting by `rec_idx` and nothing else.
 */
const PATH_IDENTIFIED: readonly { host: RegExp; path: RegExp; keep?: readonly string[] }[] = [
  { host: /(?:^|\.)career\.programmers\.co\.kr$/, path: /^\/job_positions\/\d+/ },
  { host: /(?:^|\.)programmers\.co\.kr$/, path: /^\/job_positions\/\d+/ },
  { host: /(?:^|\.)wanted\.co\.kr$/, path: /^\/wd\/\d+/ },
  { host: /(?:^|\.)jumpit\.co\.kr$/, path: /^\/position\/\d+/ },
  { host: /(?:^|\.)jumpit\.saramin\.co\.kr$/, path: /^\/position\/\d+/ },
  { host: /(?:^|\.)rocketpunch\.com$/, path: /^\/jobs\/\d+/ },
  { host: /(?:^|\.)jobkorea\.co\.kr$/, path: /^\/recruit\/gi_read\/\d+/i },
  { host: /(?:^|\.)saramin\.co\.kr$/, path: /^\/zf_user\/jobs\/(?:relay\/)?view/, keep: ['rec_idx'] },
];

const upperEscapes = (path: string) => path.replace(/%[0-9a-f]{2}/gi, (hex) => hex.toUpperCase());

/**
 * A URL with what does not identify the page removed, so two links to one posting compare equal: tracking
 * parameters (utm_*, by_theme, …) and job boards' search context, the fragment, `www.`, a trailing slash,
 * http vs https, host case, parameter order and the case of percent escapes.
 * Throws TypeError when the text is not a URL.
 */
export function canonicalUrl(raw: string): string {
  const url = new URL(raw.trim());
  url.hash = '';
  url.hostname = url.hostname.toLowerCase().replace(/^www\./, '');
  if (url.protocol === 'http:') url.protocol = 'https:';
  if ((url.protocol === 'https:' && url.port === '443') || url.port === '80') url.port = '';
  const path = upperEscapes(url.pathname).replace(/\/+$/, '');
  const site = PATH_IDENTIFIED.find((rule) => rule.host.test(url.hostname) && rule.path.test(path));
  for (const key of [...url.searchParams.keys()]) {
    const keep = site ? site.keep?.includes(key.toLowerCase()) === true : !TRACKING_PARAM.test(key);
    if (!keep) url.searchParams.delete(key);
  }
  url.searchParams.sort();
  return `${url.protocol}//${url.host}${path}${url.search}`;
}

/** A link's canonical form, or undefined for none or one that does not parse. */
export function canonicalUrlOrNone(raw: string | undefined): string | undefined {
  try {
    return raw ? canonicalUrl(raw) : undefined;
  } catch {
    return undefined;
  }
}
