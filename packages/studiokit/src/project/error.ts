/**
 * A project the kit cannot use: no flows, a stack setting that names a missing file, two flows
 * with one name, a flow that does not compile. The message is one line (a compile error adds the
 * flow's issues below it) naming the stack setting or the file and the fix. The CLI prints it and
 * exits 2; a Pulumi program stops with it as a RunError.
 */
export class ProjectError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ProjectError";
  }
}
