// Crash tests set OFFICE_FAULT_KILL_AT to a point name; the process dies there with SIGKILL (mid-transaction where
// the point is inside one). Production never sets it. Points: apply-in-transaction (safe apply, after the tool ran,
// before commit), job-step-1 and governance-after-commit (tools/governance/engine.ts).
export function faultInjection(point: string): void {
  if (process.env.OFFICE_FAULT_KILL_AT === point) process.kill(process.pid, "SIGKILL");
}
