import { defineConfig } from "vitest/config";
import { maxWorkers, studiokitProjects } from "./vitest.projects.mjs";

export default defineConfig({ test: { maxWorkers, projects: studiokitProjects } });
