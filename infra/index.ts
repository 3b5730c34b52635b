// The Pulumi program (Pulumi.yaml `main`): typed stack config → the tutorial flow and its
// Conversations wiring → stack outputs. See docs/deploy.md.
import { readStackConfig } from "./config";
import { deployTutorial } from "./program";

// The module's value is the stack's outputs. Only the outputs this stack's wirings have are
// keys: an undefined export would print "Undefined value (…) will not show as a stack output"
// on every preview and up.
export = deployTutorial(readStackConfig());
