// Typed errors for bugs and broken infrastructure. A refusal is a result, not one of these.
import type { Failure, FailureClass } from "../../contracts/index.ts";

export class KernelError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = "KernelError";
  }
}

export function failure(cls: FailureClass, reason: string, extra?: Pick<Failure, "issues" | "details">): Failure {
  return { class: cls, reason, ...extra };
}
