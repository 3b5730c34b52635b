import { defineConfig } from "vitest/config";
import { studiokitProjects } from "./vitest.projects.mjs";

export default defineConfig({ test: { projects: studiokitProjects } });
