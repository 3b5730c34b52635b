import twilio from "twilio";
import type RequestClient from "twilio/lib/base/RequestClient";

/**
 * Sends every twilio-node request to a local server, keeping the path and query and the intended
 * host in `X-Twilio-Host` (docs/twilio-rest.md §12). No retries: tests see every 429 themselves.
 */
export class RedirectingRequestClient extends twilio.RequestClient {
  constructor(private readonly base: string) {
    super({ autoRetry: false, keepAlive: false });
  }

  override request<T>(opts: RequestClient.RequestOptions<T>) {
    const u = new URL(opts.uri);
    return super.request<T>({
      ...opts,
      uri: new URL(u.pathname + u.search, this.base).toString(),
      headers: { ...opts.headers, "X-Twilio-Host": u.host },
    });
  }
}

export function localTwilio(base: string, username: string, password: string, accountSid?: string) {
  return twilio(username, password, {
    httpClient: new RedirectingRequestClient(base),
    ...(accountSid ? { accountSid } : {}),
  });
}

export type TwilioClient = ReturnType<typeof localTwilio>;
