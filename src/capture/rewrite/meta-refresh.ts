// Reading the content of `<meta http-equiv="refresh">` as browsers do ("0; URL=next.html", "2;url='next.html'",
// "5"): a delay in whole seconds and, when there is one, the URL it goes to (unresolved).

export interface MetaRefresh {
  /** Seconds before the refresh (a fraction is dropped, as browsers do). */
  delay: number;
  /** The target as written, quotes removed; absent for a refresh of the page itself. */
  url?: string;
}

const WHITESPACE = /^[\t\n\f\r ]*/;

/** The refresh `content` describes, or undefined when browsers would ignore it. */
export function parseMetaRefresh(content: string): MetaRefresh | undefined {
  let rest = content.replace(WHITESPACE, '');
  const time = /^(\d*)(\.[\d.]*)?/.exec(rest)!;
  if (time[0] === '' || (time[1] === '' && time[2] === undefined)) return undefined;
  const delay = time[1] === '' ? 0 : Number(time[1]);
  if (!Number.isSafeInteger(delay)) return undefined;
  rest = rest.slice(time[0].length);
  if (rest === '') return { delay };
  if (!/^[\t\n\f\r ;,]/.test(rest)) return undefined;
  rest = rest.replace(WHITESPACE, '').replace(/^[;,]/, '').replace(WHITESPACE, '');
  rest = rest.replace(/^url[\t\n\f\r ]*=[\t\n\f\r ]*/i, '');
  const quote = rest[0] === '"' || rest[0] === "'" ? rest[0] : undefined;
  if (quote) {
    rest = rest.slice(1);
    const end = rest.indexOf(quote);
    if (end >= 0) rest = rest.slice(0, end);
  }
  const url = rest.replace(/[\t\n\f\r ]+$/, '');
  return url === '' ? { delay } : { delay, url };
}
