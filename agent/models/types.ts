// The AI SDK's language-model contract (spec v3), derived from the `ai` package so the agent depends on `ai` alone.
import type { LanguageModel } from "ai";

export type LanguageModelV3 = Extract<LanguageModel, { specificationVersion: "v3" }>;
export type ModelCallOptions = Parameters<LanguageModelV3["doGenerate"]>[0];
export type ModelGenerateResult = Awaited<ReturnType<LanguageModelV3["doGenerate"]>>;
export type ModelStreamResult = Awaited<ReturnType<LanguageModelV3["doStream"]>>;
export type ModelStreamPart = ModelStreamResult["stream"] extends ReadableStream<infer P> ? P : never;
export type ModelContent = ModelGenerateResult["content"][number];
export type ModelPrompt = ModelCallOptions["prompt"];
