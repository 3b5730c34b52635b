import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import * as grpc from "@grpc/grpc-js";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { ResourceProviderClient } from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as proto from "@pulumi/pulumi/proto/provider_pb";
import * as statusProto from "@pulumi/pulumi/proto/status_pb";

/**
 * The SDK's own dynamic-provider plugin (what the engine launches as pulumi-resource-pulumi-nodejs),
 * spawned as a child process and driven over gRPC the way the engine drives it
 * (docs/twilio-rest.md §14). The plugin never exits on its own (its gRPC server keeps it alive), so
 * the child is killed on close and, whatever happens, when the test process exits.
 */

type Props = Record<string, unknown>;
const root = path.resolve(__dirname, "..", "..", "..");
const live = new Set<ChildProcess>();
process.on("exit", () => {
  for (const child of live) child.kill("SIGKILL");
});

export interface CheckReply {
  inputs: Props;
  failures: Array<{ property: string; reason: string }>;
}
export interface DiffReply {
  changes: "none" | "some" | "unknown";
  replaces: string[];
  deleteBeforeReplace: boolean;
}

const struct = (value: Props) => Struct.fromJavaScript(value as Parameters<typeof Struct.fromJavaScript>[0]);
const plain = (value: Struct | undefined): Props => (value?.toJavaScript() ?? {}) as Props;

/**
 * A failed call. `initFailed` is set when the provider reported a resource it made but could not
 * finish (ErrorResourceInitFailed in the status details): the engine keeps that one in the state.
 */
export class PluginError extends Error {
  constructor(
    message: string,
    readonly initFailed?: { id: string; outs: Props },
  ) {
    super(message);
  }
}

function initFailure(error: grpc.ServiceError): { id: string; outs: Props } | undefined {
  const [bin] = error.metadata?.get("grpc-status-details-bin") ?? [];
  if (!(bin instanceof Buffer)) return undefined;
  for (const detail of statusProto.Status.deserializeBinary(bin).getDetailsList()) {
    const failed = detail.unpack(
      proto.ErrorResourceInitFailed.deserializeBinary,
      "pulumirpc.ErrorResourceInitFailed",
    );
    if (failed) return { id: failed.getId(), outs: plain(failed.getProperties()) };
  }
  return undefined;
}

function call<Req, Res>(
  method: (req: Req, callback: (error: grpc.ServiceError | null, res: Res) => void) => unknown,
  req: Req,
): Promise<Res> {
  return new Promise((resolve, reject) =>
    method(req, (error, res) =>
      error ? reject(new PluginError(error.details || error.message, initFailure(error))) : resolve(res),
    ),
  );
}

export interface Plugin {
  readonly stderr: () => string;
  configure(config: Record<string, string>): Promise<void>;
  check(urn: string, olds: Props, news: Props): Promise<CheckReply>;
  diff(urn: string, id: string, olds: Props, news: Props): Promise<DiffReply>;
  create(urn: string, props: Props): Promise<{ id: string; outs: Props }>;
  read(urn: string, id: string, props: Props): Promise<{ id: string; outs: Props; inputs: Props }>;
  update(urn: string, id: string, olds: Props, news: Props): Promise<Props>;
  delete(urn: string, id: string, props: Props): Promise<void>;
  close(): void;
}

/**
 * `cwd` is the program directory the engine would start the plugin in: where the stub's
 * `require("studiokit/pulumi")` resolves (default: this package, linked at the repository root).
 */
export async function startPlugin(env: NodeJS.ProcessEnv = {}, cwd: string = root): Promise<Plugin> {
  const pulumiDir = path.dirname(require.resolve("@pulumi/pulumi/package.json", { paths: [cwd] }));
  const child = spawn(process.execPath, [path.join(pulumiDir, "cmd", "dynamic-provider"), "127.0.0.1:1"], {
    cwd,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  live.add(child);
  let errors = "";
  child.stderr.on("data", (chunk: Buffer) => (errors += chunk.toString()));
  const port = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const line = /^(\d+)\s*$/m.exec(out);
      if (line?.[1]) resolve(line[1]);
    });
    child.once("exit", (code) => reject(new Error(`dynamic-provider plugin exited (${code}): ${errors}`)));
  });
  const client = new ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  const close = () => {
    client.close();
    child.kill("SIGKILL");
    live.delete(child);
  };
  return {
    stderr: () => errors,
    close,
    async configure(config) {
      const req = new proto.ConfigureRequest();
      req.setArgs(struct(config));
      await call<proto.ConfigureRequest, proto.ConfigureResponse>(client.configure.bind(client), req);
    },
    async check(urn, olds, news) {
      const req = new proto.CheckRequest();
      req.setUrn(urn);
      req.setOlds(struct(olds));
      req.setNews(struct(news));
      const res = await call<proto.CheckRequest, proto.CheckResponse>(client.check.bind(client), req);
      return {
        inputs: plain(res.getInputs()),
        failures: res.getFailuresList().map((f) => ({ property: f.getProperty(), reason: f.getReason() })),
      };
    },
    async diff(urn, id, olds, news) {
      const req = new proto.DiffRequest();
      req.setUrn(urn);
      req.setId(id);
      req.setOlds(struct(olds));
      req.setNews(struct(news));
      const res = await call<proto.DiffRequest, proto.DiffResponse>(client.diff.bind(client), req);
      const changes = res.getChanges();
      return {
        changes:
          changes === proto.DiffResponse.DiffChanges.DIFF_SOME
            ? "some"
            : changes === proto.DiffResponse.DiffChanges.DIFF_NONE
              ? "none"
              : "unknown",
        replaces: res.getReplacesList(),
        deleteBeforeReplace: res.getDeletebeforereplace(),
      };
    },
    async create(urn, props) {
      const req = new proto.CreateRequest();
      req.setUrn(urn);
      req.setProperties(struct(props));
      const res = await call<proto.CreateRequest, proto.CreateResponse>(client.create.bind(client), req);
      return { id: res.getId(), outs: plain(res.getProperties()) };
    },
    async read(urn, id, props) {
      const req = new proto.ReadRequest();
      req.setUrn(urn);
      req.setId(id);
      req.setProperties(struct(props));
      const res = await call<proto.ReadRequest, proto.ReadResponse>(client.read.bind(client), req);
      return { id: res.getId(), outs: plain(res.getProperties()), inputs: plain(res.getInputs()) };
    },
    async update(urn, id, olds, news) {
      const req = new proto.UpdateRequest();
      req.setUrn(urn);
      req.setId(id);
      req.setOlds(struct(olds));
      req.setNews(struct(news));
      const res = await call<proto.UpdateRequest, proto.UpdateResponse>(client.update.bind(client), req);
      return plain(res.getProperties());
    },
    async delete(urn, id, props) {
      const req = new proto.DeleteRequest();
      req.setUrn(urn);
      req.setId(id);
      req.setProperties(struct(props));
      await call<proto.DeleteRequest, unknown>(client.delete.bind(client), req);
    },
  };
}
