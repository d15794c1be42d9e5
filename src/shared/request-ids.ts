// Request ids in hapi's format (`<received ms>:<server id>:<counter>`) for the requests answered beside hapi's
// own lifecycle (the /p/ fast path, the tool-call lane, direct calls). One counter per server, with more digits
// than hapi's (10000..99999), so no two requests of a server get the same id.
const FIRST = 100_000;
const LAST = 99_999_999;

type NextId = (received: number) => string;
const byServer = new WeakMap<object, NextId>();

/** The id maker of `server`, shared by everything that calls this with the same server. */
export function requestIds(server: { info: { id: string } }): NextId {
  let next = byServer.get(server);
  if (next === undefined) {
    let counter = FIRST;
    next = (received) => {
      const id = `${received}:${server.info.id}:${counter}`;
      counter = counter === LAST ? FIRST : counter + 1;
      return id;
    };
    byServer.set(server, next);
  }
  return next;
}
