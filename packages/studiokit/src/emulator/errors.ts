/**
 * Twilio's error body for every 4xx/5xx the emulator sends:
 * `{code, message, more_info, status}` plus `details` where Studio adds them (81022).
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "ApiError";
  }

  body(): Record<string, unknown> {
    return errorBody(this.status, this.code, this.message, this.details);
  }
}

export function errorBody(status: number, code: number, message: string, details?: unknown) {
  const body: Record<string, unknown> = {
    code,
    message,
    more_info: `https://www.twilio.com/docs/errors/${code}`,
    status,
  };
  if (details !== undefined) body["details"] = details;
  return body;
}

/** The error codes the emulator answers with, named (docs/twilio-rest.md §13). */
export const codes = {
  invalidParameter: 20001,
  authenticate: 20003,
  methodNotAllowed: 20004,
  notFound: 20404,
  tooManyRequests: 20429,
  internalError: 20500,
  serviceUnavailable: 20503,
  invalidPageToken: 21481,
  invalidRevision: 81021,
  flowValidationFailed: 81022,
  participantProxyEmpty: 50412,
  participantAddressEqualsProxy: 50409,
  participantPairInUse: 50416,
  participantExists: 50433,
  participantProxyUpdateFailed: 50441,
  conversationUniqueNameExists: 50353,
  tooManyWebhooks: 50361,
  invalidWebhookFlowSid: 50367,
  phoneNumberInvalid: 21421,
  phoneNumberUnavailable: 21422,
  callNotInProgress: 21220,
} as const;

export const notFound = (path: string) =>
  new ApiError(404, codes.notFound, `The requested resource ${path} was not found`);

export const invalidParameter = (message: string) => new ApiError(400, codes.invalidParameter, message);
