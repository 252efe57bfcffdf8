import { describe, expect, it } from "vitest";
import { capture } from "../test/support/cli-capture.js";
import { createTestPoint } from "../test/support/fixtures.js";
import { useIntegration } from "../test/support/integration.js";
import { runFacilitatorInvite, runFacilitatorList, runFacilitatorRevoke } from "./facilitator-cli.js";

describe("npm run facilitator:invite, facilitator:list, facilitator:revoke", () => {
  const ctx = useIntegration();

  it("invites by point code with a role, lists, revokes; refuses bad arguments", async () => {
    const point = await createTestPoint(ctx.db);
    const config = () => ctx.config({ TELEGRAM_BOT_USERNAME: "SportelloBot" });
    const bad = capture();
    expect(await runFacilitatorInvite(["--point", point.code], bad, config)).toBe(2);
    expect(await runFacilitatorInvite(["--point", point.code, "--name", "Anna", "--role", "capo"], bad, config)).toBe(
      2,
    );
    expect(bad.stderr).toContain("Ruolo sconosciuto");
    const missing = capture();
    expect(await runFacilitatorInvite(["--point", "NOPE", "--name", "Anna Rossi"], missing, config)).toBe(1);
    expect(missing.stderr).toContain("Punto non trovato");

    const io = capture();
    expect(
      await runFacilitatorInvite(["--point", point.code, "--name", "Anna Rossi", "--role", "capo_team"], io, config),
    ).toBe(0);
    const code = /Codice: ([0-9A-Z-]+)/.exec(io.stdout)?.[1]?.replace(/-/g, "") ?? "";
    expect(code).toHaveLength(12);
    expect(io.stdout).toContain(`https://t.me/SportelloBot?start=f_${code}`);
    expect(io.stdout).toContain("capo_team");

    const list = capture();
    expect(await runFacilitatorList(["--json"], list, config)).toBe(0);
    const rows = JSON.parse(list.stdout) as Array<{ id: string; name: string; openInvites: number; points: unknown[] }>;
    expect(rows).toEqual([
      expect.objectContaining({
        name: "Anna Rossi",
        openInvites: 1,
        points: [{ point: point.code, role: "capo_team" }],
      }),
    ]);

    const revoke = capture();
    expect(await runFacilitatorRevoke([rows[0]?.id ?? ""], revoke, config)).toBe(0);
    const after = capture();
    await runFacilitatorList([], after, config);
    expect(after.stdout).toContain("revocato");
    expect(await runFacilitatorRevoke(["not-an-id"], capture(), config)).toBe(1);
  });
});
