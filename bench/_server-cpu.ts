/**
 * CPU time (user + system) of a server process and its descendants, read from /proc (Linux):
 * the load driver shares the cores with the server, so wall-clock latency alone cannot tell
 * whether a change made the server cheaper or only the machine quieter.
 */
import fs from "node:fs";

const TICK_MS = 1000 / 100; // USER_HZ is 100 on Linux for every architecture Node runs on.

function childrenOf(pid: number): number[] {
  const out: number[] = [];
  let tasks: string[] = [];
  try {
    tasks = fs.readdirSync(`/proc/${pid}/task`);
  } catch {
    return out;
  }
  for (const tid of tasks) {
    try {
      const text = fs.readFileSync(`/proc/${pid}/task/${tid}/children`, "utf8").trim();
      if (text) out.push(...text.split(/\s+/).map(Number));
    } catch {
      // The thread ended between the listing and the read.
    }
  }
  return out;
}

function ownCpuMs(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) may hold spaces: split after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // utime and stime are fields 14 and 15, i.e. 11 and 12 after the name and state.
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return 0;
  }
}

/** Milliseconds of CPU used so far by `pid` and every live process below it. */
export function serverCpuMs(pid: number): number {
  let total = 0;
  const stack = [pid];
  const seen = new Set<number>();
  while (stack.length > 0) {
    const p = stack.pop() as number;
    if (seen.has(p)) continue;
    seen.add(p);
    total += ownCpuMs(p);
    stack.push(...childrenOf(p));
  }
  return total;
}
