// The access-log line hapi-pino writes for every response, for the answers given before hapi sees a request
// (the /p/ fast path, the MCP tool-call lane), so the log reads the same whichever path answered.
export interface AccessLogger {
  isLevelEnabled(level: string): boolean;
  info(fields: object, message: string): void;
}

export interface AccessEntry {
  /** The request id (X-Request-Id). */
  id: string;
  /** Lower case, as hapi has it. */
  method: string;
  /** The path, without the query. */
  path: string;
  client: string;
  statusCode: number;
  /** The response headers, lower-case names (asked only when the line is written). */
  getHeaders: () => Record<string, string>;
  /** When the request arrived (Date.now()). */
  received: number;
}

export function logAccess(logger: AccessLogger | undefined, entry: AccessEntry): void {
  if (logger === undefined || !logger.isLevelEnabled('info')) return;
  const { id, method, path, client, statusCode, getHeaders } = entry;
  const responseTime = Date.now() - entry.received;
  logger.info(
    // `res` as pino's serializer reads a ServerResponse.
    { req: { id, method, url: path }, client, res: { statusCode, headersSent: true, getHeaders }, responseTime },
    `[response] ${method} ${path} ${statusCode} (${responseTime}ms)`,
  );
}
