import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { connect, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkHealth } from "./health.js";

/** A server in another process that answers every byte 30 ms later: its answers arrive while this one is busy. */
const SLOW_ECHO = `
const server = require("node:net").createServer((s) => s.on("data", (d) => setTimeout(() => s.write(d), 30)));
server.listen(0, "127.0.0.1", () => process.stdout.write(server.address().port + "\\n"));`;

const busy = (ms: number) => {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    // the process is busy: no timer, no I/O callback runs meanwhile
  }
};

describe("checkHealth", () => {
  let child: ChildProcess;
  let socket: Socket;
  beforeAll(async () => {
    child = spawn(process.execPath, ["-e", SLOW_ECHO], { stdio: ["ignore", "pipe", "inherit"] });
    const [port] = (await once(child.stdout as NodeJS.ReadableStream, "data")) as [Buffer];
    socket = connect(Number(port.toString().trim()), "127.0.0.1");
    await once(socket, "connect");
  });
  afterAll(() => {
    socket?.destroy();
    child?.kill();
  });

  it("reports each probe, and a probe that never answers as down", async () => {
    const report = await checkHealth({ fast: async () => 1, silent: () => new Promise(() => {}) }, 50);
    expect(report.status).toBe("degraded");
    expect(report.checks.fast?.status).toBe("up");
    expect(report.checks.silent).toMatchObject({ status: "down", error: "no answer within 50 ms" });
  });

  it("counts an answer that arrived in time while the process was busy past the timeout", async () => {
    const ping = () =>
      new Promise<void>((resolve) => {
        socket.once("data", () => resolve());
        socket.write("?");
      });
    const checking = checkHealth({ echo: ping }, 100);
    await new Promise((resolve) => setImmediate(resolve)); // the probe and its timer have started
    busy(600); // the answer comes after 30 ms, but this process reads it only after its timer is due
    const report = await checking;
    expect(report.checks.echo?.status).toBe("up");
  });
});
