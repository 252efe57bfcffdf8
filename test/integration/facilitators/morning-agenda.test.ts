import { CronExpressionParser } from "cron-parser";
import { describe, expect, it } from "vitest";
import { acceptPrivacy } from "../../../core/citizens/accept-privacy.js";
import { writeMorningAgendas } from "../../../core/facilitators/requests.js";
import { dailyPattern } from "../../../workers/jobs/facilitators.js";
import { testEngine } from "../../support/engine-chat.js";
import { deliverRow, linkedFacilitator, rowsOf, textOf } from "../../support/facilitators.js";
import { createTestPoint, testCore } from "../../support/fixtures.js";
import { useIntegration } from "../../support/integration.js";

const EVERY_DAY = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
  weekday,
  shift: 1 as const,
  opens: "00:00",
  closes: "23:45",
}));

describe("the facilitators' morning agenda", () => {
  const ctx = useIntegration();

  it("runs at 07:30 Rome time on both sides of a DST change (the cron BullMQ reads, tz Europe/Rome)", () => {
    const pattern = dailyPattern("07:30");
    expect(pattern).toBe("30 7 * * *");
    const runs = CronExpressionParser.parse(pattern, {
      currentDate: new Date("2027-03-26T12:00:00Z"),
      tz: "Europe/Rome",
    });
    expect([runs.next(), runs.next(), runs.next()].map((d) => d.toISOString())).toEqual([
      "2027-03-27T06:30:00.000Z", // CET, +1
      "2027-03-28T05:30:00.000Z", // the day clocks go forward: CEST, +2
      "2027-03-29T05:30:00.000Z",
    ]);
  });

  it("lists the day's bookings on the 25-hour day of the autumn change, in local time, and skips closed points", async () => {
    const core = testCore(ctx.db, { now: "2027-10-31T06:30:00Z" }); // Sunday 31 October 2027, 07:30 CET
    const engine = testEngine(ctx, core);
    const open = await createTestPoint(ctx.db, { name: "Biblioteca Aperta", windows: EVERY_DAY });
    const closed = await createTestPoint(ctx.db, { name: "Chiusa la domenica" }); // Mon-Fri
    const { citizen } = await acceptPrivacy(core, { channel: "web", externalId: "agenda-citizen" });
    const booking = (startsAt: string, pointId: string) =>
      ctx.db.booking.create({
        data: {
          citizenId: citizen.id,
          pointId,
          service: "facilitazione",
          mode: "in_presenza",
          startsAt: new Date(startsAt),
          endsAt: new Date(new Date(startsAt).getTime() + 3_600_000),
          status: "confirmed",
          competences: [9],
        },
      });
    await booking("2027-10-30T21:30:00Z", open.id); // Saturday 23:30 CEST: not that day
    await booking("2027-10-31T08:00:00Z", open.id); // Sunday 09:00 CET
    await booking("2027-10-31T22:15:00Z", open.id); // Sunday 23:15 CET
    await booking("2027-10-31T23:30:00Z", open.id); // Monday 00:30 CET: not that day
    const anna = await linkedFacilitator(engine, core, open.id, "Anna Rossi");
    const bruno = await linkedFacilitator(engine, core, closed.id, "Bruno Chiuso");

    const { date, written } = await writeMorningAgendas(core);
    expect(date).toBe("2027-10-31");
    expect(written).toBe(1);
    expect((await writeMorningAgendas(core)).written).toBe(0); // once a day
    expect(await rowsOf(ctx.db, "facilitator.agenda", { facilitatorId: bruno.facilitatorId })).toHaveLength(0);
    const [row] = await rowsOf(ctx.db, "facilitator.agenda", { facilitatorId: anna.facilitatorId });
    const text = textOf(await deliverRow(core, engine, row?.id ?? ""));
    expect(text).toContain("hai 2 appuntamenti");
    expect(text).toContain("09:00 · di persona · SPID o CIE");
    expect(text).toContain("23:15 · di persona");
    expect(text).not.toContain("23:30");
    expect(text).not.toContain("00:30");
  });
});
