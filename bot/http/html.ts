/** HTML for the pages the service renders itself (the report form): one escaping function for every value. */

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Makes any text safe as HTML element content or a quoted attribute value; the text shown is unchanged. */
export const escapeHtml = (value: unknown): string =>
  String(value ?? '').replace(/[&<>"']/g, (c) => ENTITIES[c]!);

/** The only places these pages load anything from: themselves. No script at all. */
export const PAGE_CSP = "default-src 'self'; form-action 'self'; frame-ancestors 'none'";

export const HTML = 'text/html; charset=utf-8';

export const htmlHeaders = (extra: Record<string, string> = {}): Record<string, string> => ({
  'content-security-policy': PAGE_CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
  ...extra,
});

/** A whole page; `title` and `body` are escaped and assembled by the caller (body is HTML). */
export const page = (title: string, body: string, lang = 'en-GB'): string =>
  `<!doctype html>
<html lang="${escapeHtml(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="/report-form.css">
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
