// The Pulumi program (Pulumi.yaml `main`): every flow the stack config lists (studiokit:flows in
// Pulumi.<stack>.yaml), each with its wiring. The module's value is the stack's outputs, one per
// flow. See docs/deploy.md.
import { deployProject, readProjectConfig } from "studiokit/pulumi";

export = deployProject(readProjectConfig());
