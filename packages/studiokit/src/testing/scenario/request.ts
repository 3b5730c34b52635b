import { isDeepStrictEqual } from "node:util";
import { urlMatches, type FunctionRequest, type HttpRequest, type JsonValue } from "../../engine";
import { flowYaml } from "./describe";
import { type RequestMatcher } from "./schema";

/** An outgoing request as the scenario saw it go out, in order. */
export type OutgoingRequest =
  ({ readonly kind: "http" } & HttpRequest) | ({ readonly kind: "function" } & FunctionRequest);

/** Why a request does not match, or undefined when it does. */
export type RequestMiss = string | undefined;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * `expected` is part of `actual`: every key of a mapping matches, mappings inside mappings too;
 * lists and scalars are compared whole. `asText` compares scalars by their text (form fields and
 * parameters are text on the wire, so `7` matches `"7"`).
 */
function partial(expected: JsonValue, actual: unknown, asText: boolean): boolean {
  if (isObject(expected))
    return (
      isObject(actual) &&
      Object.entries(expected).every(([k, v]) => k in actual && partial(v, actual[k], asText))
    );
  if (
    asText &&
    !isObject(actual) &&
    !Array.isArray(actual) &&
    expected !== null &&
    typeof expected !== "object"
  )
    return String(expected) === String(actual);
  return isDeepStrictEqual(expected, actual);
}

/** The body as the widget sent it: JSON for a JSON content type, else form fields. */
function sentBody(request: OutgoingRequest): { value: unknown; asText: boolean } | undefined {
  if (request.kind === "function") return { value: request.parameters, asText: true };
  if (request.body === undefined) return undefined;
  if (/json/i.test(request.contentType))
    try {
      return { value: JSON.parse(request.body) as unknown, asText: false };
    } catch {
      return undefined;
    }
  return { value: Object.fromEntries(new URLSearchParams(request.body)), asText: true };
}

/** The request's body text, for exact comparison and for reports. */
function bodyText(request: OutgoingRequest): string | undefined {
  return request.kind === "function" ? new URLSearchParams(request.parameters).toString() : request.body;
}

const methodOf = (request: OutgoingRequest) => (request.kind === "function" ? "POST" : request.method);

/** Checks one request against `expect: { request }`; the first difference, in the report's words. */
export function requestMismatch(matcher: RequestMatcher, request: OutgoingRequest): RequestMiss {
  if (matcher.url !== undefined && !urlMatches(matcher.url, request.url)) return `URL ${request.url}`;
  if (matcher.method !== undefined && matcher.method.toUpperCase() !== methodOf(request))
    return `method ${methodOf(request)}`;
  if (typeof matcher.body === "string") {
    const text = bodyText(request) ?? "";
    if (text !== matcher.body) return text === "" ? "no body" : `body ${JSON.stringify(text)}`;
  } else if (matcher.body !== undefined) {
    const body = sentBody(request);
    if (!body || !partial(matcher.body, body.value, body.asText))
      return body ? `body ${flowYaml(body.value)}` : `body ${JSON.stringify(bodyText(request) ?? "")}`;
  }
  if (matcher.params !== undefined && !partial(matcher.params, request.parameters, true))
    return `params ${flowYaml(request.parameters)}`;
  return undefined;
}

/** `a request POST https://x.test/*` with the fields asked for. */
export function describeRequestMatcher(matcher: RequestMatcher): string {
  const parts = [
    matcher.method?.toUpperCase(),
    matcher.url,
    matcher.body === undefined ? undefined : `body ${flowYaml(matcher.body)}`,
    matcher.params === undefined ? undefined : `params ${flowYaml(matcher.params)}`,
  ].filter((p) => p !== undefined);
  return parts.length === 0 ? "a request" : `a request ${parts.join(" ")}`;
}

/** `lookup POST https://x.test/a` (who sent what). */
export function describeRequest(request: OutgoingRequest): string {
  return `${request.widget} ${methodOf(request)} ${request.url}`;
}
