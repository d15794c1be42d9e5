// The small HTML pages /p/ answers errors with (the sandbox headers are added to them like to any /p/ response).
// Their text is fixed: nothing from the request is echoed.
import { STATUS_CODES } from 'node:http';
import type { ResponseObject, ResponseToolkit } from '@hapi/hapi';

export const HTML = 'text/html; charset=utf-8';

const ERROR_TEXTS: Record<number, [title: string, message: string]> = {
  400: ['Bad request', 'This address is not valid.'],
  403: ['This page is protected', 'Its owner has restricted who can view it.'],
  429: ['Too many attempts', 'Please wait a while before trying again.'],
  404: ['Page not found', 'There is no page at this address.'],
  416: ['Range not satisfiable', 'The requested byte range is outside the file.'],
  503: ['Please try again', 'This page was just updated. Reload to see the new version.'],
};

/** An error page for `status`, with the status's usual text unless `message` (and `heading`) say otherwise. */
export function errorPage(h: ResponseToolkit, status: number, message?: string, heading?: string): ResponseObject {
  const [defaultTitle, text] =
    ERROR_TEXTS[status] ?? (status >= 500 ? ['Something went wrong', 'Please try again later.'] : [STATUS_CODES[status] ?? 'Error', '']);
  const title = heading ?? defaultTitle;
  const body =
    '<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">' +
    `<title>${title}</title><style>body{font:16px/1.5 system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;color:#222}</style></head>` +
    `<body><h1>${title}</h1>${(message ?? text) ? `<p>${message ?? text}</p>` : ''}</body></html>\n`;
  return h.response(body).code(status).type(HTML).header('Cache-Control', 'no-cache');
}
