// Placeholder until the providers issue: the Pulumi program deploys nothing yet.
export const flows: string[] = [];
