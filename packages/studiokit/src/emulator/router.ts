import { ApiError, codes, notFound } from "./errors";
import { type Handler, type Method, type Route } from "./context";

interface Compiled {
  readonly segments: readonly string[];
  readonly route: Route;
}

export interface Match {
  readonly handler: Handler;
  readonly params: Record<string, string>;
}

/** Matches a path against the routes in order (literal routes such as `/v2/Flows/Validate` first). */
export class Router {
  private readonly compiled: readonly Compiled[];

  constructor(routes: readonly Route[]) {
    this.compiled = routes.map((route) => ({ segments: route.path.split("/").slice(1), route }));
  }

  /** Throws 404/20404 for an unknown path and 405/20004 for a known path with another method. */
  match(method: string, path: string): Match {
    const parts = path.split("/").slice(1);
    for (const { segments, route } of this.compiled) {
      const params = bind(segments, parts);
      if (!params) continue;
      const handler = Object.hasOwn(route.handlers, method) ? route.handlers[method as Method] : undefined;
      if (!handler) {
        const allowed = Object.keys(route.handlers).join(", ");
        throw new ApiError(
          405,
          codes.methodNotAllowed,
          `Method ${method} not allowed on ${path}; allowed: ${allowed}`,
        );
      }
      return { handler, params };
    }
    throw notFound(path);
  }
}

function bind(segments: readonly string[], parts: readonly string[]): Record<string, string> | undefined {
  if (segments.length !== parts.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i] ?? "";
    const part = parts[i] ?? "";
    if (segment.startsWith(":")) {
      // A capture may end in a literal suffix, as API 2010's `:Sid.json`.
      const dot = segment.indexOf(".");
      const suffix = dot < 0 ? "" : segment.slice(dot);
      if (part.length <= suffix.length || !part.endsWith(suffix)) return undefined;
      let value: string;
      try {
        value = decodeURIComponent(part.slice(0, part.length - suffix.length));
      } catch {
        return undefined;
      }
      params[segment.slice(1, dot < 0 ? undefined : dot)] = value;
    } else if (segment !== part) return undefined;
  }
  return params;
}
