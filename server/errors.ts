// One error type for everything the domain refuses. Domain code throws DomainError with a code
// from this table and a message a person can act on; the tRPC layer (server/trpc.ts) and the
// express routes (server/http/send-error.ts) turn it into an answer, each in one place. Domain
// modules never import @trpc/server.

/** Each code and the HTTP status it answers with (the same numbers tRPC uses for its codes). */
export const ERROR_STATUS = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  METHOD_NOT_SUPPORTED: 405,
  CONFLICT: 409,
  PRECONDITION_FAILED: 412,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNPROCESSABLE_CONTENT: 422,
  TOO_MANY_REQUESTS: 429,
  INTERNAL_SERVER_ERROR: 500,
  SERVICE_UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export class DomainError extends Error {
  readonly code: ErrorCode;
  /** extra, non-personal facts for the client (e.g. an upload's refusal reason) */
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, options: { cause?: unknown; details?: Record<string, unknown> } = {}) {
    super(message, { cause: options.cause });
    this.name = 'DomainError';
    this.code = code;
    this.details = options.details;
  }

  get httpStatus(): number {
    return ERROR_STATUS[this.code];
  }
}

/** The one JSON shape every non-tRPC route answers an error with (the same as tRPC's). */
export function errorBody(error: DomainError) {
  return { error: { message: error.message, data: { code: error.code, httpStatus: error.httpStatus, ...error.details } } };
}

/** The row a query finds, or NOT_FOUND with `missing` (what was looked for: "No case R2026…"). */
export async function found<Row>(query: { executeTakeFirst(): Promise<Row | undefined> }, missing: string): Promise<Row> {
  const row = await query.executeTakeFirst();
  if (row === undefined) throw new DomainError('NOT_FOUND', missing);
  return row;
}
