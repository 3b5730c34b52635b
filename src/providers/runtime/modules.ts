/* eslint-disable @typescript-eslint/no-require-imports -- see below */
import type Twilio from "twilio";
import type * as NodeCrypto from "node:crypto";
import type * as NodeFs from "node:fs";
import type * as NodePath from "node:path";
import type * as Zod from "zod";

// Dynamic providers are serialized into the state and run in Pulumi's plugin process; a library
// survives that only when it is require()d inside the method that uses it (toolchain.md §4, P5).
// These loaders are the one place providers reach npm packages.

export type TwilioModule = typeof Twilio;
export type TwilioClient = ReturnType<typeof Twilio>;
export type ZodModule = typeof Zod;

export const loadTwilio = (): TwilioModule => require("twilio");
export const loadZod = (): ZodModule => require("zod");
export const loadCrypto = (): typeof NodeCrypto => require("node:crypto");
export const loadFs = (): typeof NodeFs => require("node:fs");
export const loadPath = (): typeof NodePath => require("node:path");
