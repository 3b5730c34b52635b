import http from "node:http";

/** What came back: the status, the headers as node:http gives them, the body as text. */
export interface RoundTrip {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly text: string;
}

/**
 * One HTTP request through node:http, read to the end. With a kept-alive `agent` in `options`,
 * a round trip costs a fraction of fetch's CPU: the sweeps and load benchmarks that send
 * thousands of requests measure the server, not the client. No vitest here: `npm run bench`
 * uses it outside vitest.
 */
export function roundTrip(options: http.RequestOptions, body?: string): Promise<RoundTrip> {
  return new Promise((resolve, reject) => {
    const req = http.request(options, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("error", reject);
      res.on("end", () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          text: Buffer.concat(chunks).toString("utf8"),
        }),
      );
    });
    req.on("error", reject);
    req.end(body);
  });
}
