import { describe, expect, it } from "vitest";
import { bookSlot } from "../../../core/booking/book-slot.js";
import { acceptPrivacy } from "../../../core/citizens/accept-privacy.js";
import { enrolInCourse } from "../../../core/courses/enrol.js";
import { closeDay } from "../../../core/points/close-day.js";
import { runPointsCloseDay } from "../../../scripts/points-close-day.js";
import { capturingSender } from "../../support/capturing-sender.js";
import { capture } from "../../support/cli-capture.js";
import { createTestCourse } from "../../support/courses.js";
import { testEngine } from "../../support/engine-chat.js";
import { outcome, testCore } from "../../support/fixtures.js";
import { useIntegration } from "../../support/integration.js";
import { startTestWorkers } from "../../support/workers.js";

// the test clock: Tuesday 1 December 2026, 08:00 in Rome
const THU = "2026-12-03";
const THU_10 = new Date("2026-12-03T09:00:00Z");
const THU_14 = new Date("2026-12-03T13:00:00Z");
const FRI_10 = new Date("2026-12-04T09:00:00Z");

describe("a point closes a whole day", () => {
  const ctx = useIntegration();

  async function setUp() {
    const core = testCore(ctx.db);
    const { point, session } = await createTestCourse(ctx.db); // its session: Thursday 10:00-12:00
    if (!session) throw new Error("no session");
    const citizen = async (name: string) =>
      (await acceptPrivacy(core, { channel: "web", externalId: `${name}-${point.id}` })).citizen.id;
    const [anna, bruno, carla, dario, elena] = await Promise.all(
      ["anna", "bruno", "carla", "dario", "elena"].map(citizen),
    );
    if (!anna || !bruno || !carla || !dario || !elena) throw new Error("no citizens");
    const book = (citizenId: string, startsAt: Date, mode: "in_presenza" | "telefono" = "in_presenza") =>
      bookSlot(core, { citizenId, pointId: point.id, service: "facilitazione", mode, startsAt });
    const thursday = [(await book(anna, THU_10)).booking, (await book(bruno, THU_14, "telefono")).booking];
    const friday = (await book(anna, FRI_10)).booking;
    // in line for Thursday (written directly: making the day full first would take 16 bookings)
    const entry = await ctx.db.waitlistEntry.create({
      data: { pointId: point.id, date: new Date(`${THU}T00:00:00Z`), service: "facilitazione", citizenId: carla },
    });
    await enrolInCourse(core, { sessionId: session.id, citizenId: dario });
    return { core, point, session, thursday, friday, entry, people: { anna, bruno, carla, dario, elena }, book };
  }

  it("cancels that day's bookings and course session, tells each citizen, closes the line, offers no seat", async () => {
    const { core, point, session, thursday, friday, entry } = await setUp();

    const result = await closeDay(core, { pointId: point.id, date: THU, reason: "Sciopero dei trasporti" });
    expect(result).toEqual({
      closed: true,
      bookingsCancelled: 2,
      courseSessionsCancelled: 1,
      citizensTold: 3,
      waitlistClosed: 1,
    });

    const bookings = await ctx.db.booking.findMany({ where: { pointId: point.id }, orderBy: { startsAt: "asc" } });
    expect(bookings.map((b) => [b.id, b.status, b.cancelReason])).toEqual([
      [thursday[0]?.id, "cancelled_by_point", "day_closed"],
      [thursday[1]?.id, "cancelled_by_point", "day_closed"],
      [friday.id, "confirmed", null],
    ]);
    expect((await ctx.db.courseSession.findUniqueOrThrow({ where: { id: session.id } })).cancelledAt).not.toBeNull();
    expect((await ctx.db.waitlistEntry.findUniqueOrThrow({ where: { id: entry.id } })).status).toBe("cancelled");
    const closures = await ctx.db.closure.findMany({ where: { pointId: point.id } });
    expect(
      closures.map((c) => [c.startsOn.toISOString().slice(0, 10), c.endsOn.toISOString().slice(0, 10), c.reason]),
    ).toEqual([[THU, THU, "Sciopero dei trasporti"]]);

    const messages = await ctx.db.outboundMessage.findMany({ where: { state: "pending" }, orderBy: { kind: "asc" } });
    const told = messages.filter((m) => m.kind === "booking.cancelled");
    expect(told.map((m) => [m.bookingId, (m.params as { reason?: string }).reason]).sort()).toEqual(
      thursday.map((b) => [b.id, "day_closed"]).sort(),
    );
    expect(messages.filter((m) => m.kind === "course.cancelled")).toHaveLength(1);
    // the seats freed are not offered: nobody can come that day
    expect(await ctx.db.outboundMessage.count({ where: { kind: "waitlist.offer" } })).toBe(0);
    // the Thursday reminders went with the bookings, Friday's stay
    expect(
      await ctx.db.outboundMessage.count({
        where: { kind: "booking.reminder", state: "pending", bookingId: { in: thursday.map((b) => b.id) } },
      }),
    ).toBe(0);
    expect(
      await ctx.db.outboundMessage.count({
        where: { kind: "booking.reminder", bookingId: friday.id, state: "pending" },
      }),
    ).toBeGreaterThan(0);
  });

  it("refuses a new booking that day, changes nothing when closed twice, refuses a past day and a bad reason", async () => {
    const { core, point, people, book } = await setUp();
    await closeDay(core, { pointId: point.id, date: THU, reason: "Malattia" });

    expect(await outcome(book(people.elena, THU_14))).toBe("closed_day");
    expect(await closeDay(core, { pointId: point.id, date: THU, reason: "Malattia" })).toEqual({
      closed: false,
      bookingsCancelled: 0,
      courseSessionsCancelled: 0,
      citizensTold: 0,
      waitlistClosed: 0,
    });
    expect(await ctx.db.closure.count({ where: { pointId: point.id } })).toBe(1);
    expect(await outcome(closeDay(core, { pointId: point.id, date: "2026-11-30", reason: "Malattia" }))).toBe(
      "day_past",
    );
    expect(await outcome(closeDay(core, { pointId: point.id, date: "2026-12-32", reason: "Malattia" }))).toBe(
      "validation",
    );
    expect(await outcome(closeDay(core, { pointId: point.id, date: "2026-12-07", reason: "a\u0000b\u0007c" }))).toBe(
      "validation",
    );
    expect(await ctx.db.closure.count({ where: { pointId: point.id } })).toBe(1);
  });

  it("leaves no open booking on the day when bookings race with the closing", async () => {
    const { core, point } = await setUp();
    const MON = "2026-12-07";
    const citizens = await Promise.all(
      Array.from(
        { length: 16 },
        async (_, i) => (await acceptPrivacy(core, { channel: "web", externalId: `race-${i}-${point.id}` })).citizen.id,
      ),
    );
    // Monday 09:00-13:00 and 14:00-18:00 in Rome: 8 one-hour slots, 2 seats each
    const starts = [8, 9, 10, 11, 13, 14, 15, 16].map((h) => new Date(Date.UTC(2026, 11, 7, h)));
    const attempts = citizens.map((citizenId, i) =>
      bookSlot(core, {
        citizenId,
        pointId: point.id,
        service: "facilitazione",
        mode: "in_presenza",
        startsAt: starts[i % starts.length] as Date,
      }).then(
        () => "booked",
        (error: { code?: string }) => error.code ?? "error",
      ),
    );
    const closing = closeDay(core, { pointId: point.id, date: MON, reason: "Guasto alla rete" });
    const results = await Promise.all(attempts);
    const closed = await closing;
    expect(results.every((r) => r === "booked" || r === "closed_day")).toBe(true);
    const monday = await ctx.db.booking.findMany({
      where: {
        pointId: point.id,
        startsAt: { gte: new Date("2026-12-06T23:00:00Z"), lt: new Date("2026-12-07T23:00:00Z") },
      },
    });
    expect(monday.filter((b) => b.status === "confirmed" || b.status === "pending")).toEqual([]);
    expect(monday.length).toBe(results.filter((r) => r === "booked").length);
    expect(closed.bookingsCancelled).toBe(monday.length);
  });

  it("the citizen is told in the chat that the point is closed that day, with another day to choose", async () => {
    const { core, point } = await setUp();
    const engine = testEngine(ctx, core);
    const { sender, sent, last } = capturingSender();
    const workers = await startTestWorkers(ctx, { core, engine, senders: { web: sender } });
    try {
      await closeDay(core, { pointId: point.id, date: THU, reason: "Sciopero" });
      await workers.tick();
      await expect.poll(() => sent.get(`bruno-${point.id}`)).toBeDefined();
      const replies = last(`bruno-${point.id}`);
      const said = replies.map((r) => ("text" in r ? r.text : "")).join("\n");
      expect(said).toContain(
        `il punto ${point.name} è chiuso. Per questo il tuo appuntamento delle 14:00 è annullato.`,
      );
      expect(said).toContain("Puoi scegliere un altro giorno.");
      expect(replies.flatMap((r) => (r.kind === "choices" ? r.choices.map((c) => c.label) : []))).toEqual([
        "Scegli un altro giorno",
      ]);
    } finally {
      await workers.stop();
    }
  });

  it("npm run points:close-day closes by point code and says what it did; bad usage and unknown points are refused", async () => {
    const { core, point } = await setUp();
    const config = () => ctx.config();
    const io = capture();
    expect(
      await runPointsCloseDay(["--point", point.code, "--date", THU, "--reason", "Sciopero"], io, config, core.clock),
    ).toBe(0);
    expect(io.stdout).toContain(`${point.name} (${point.code}) chiuso il ${THU}.`);
    expect(io.stdout).toContain("Appuntamenti annullati: 2");
    expect(io.stdout).toContain("Persone avvisate in chat: 3");

    const again = capture();
    expect(
      await runPointsCloseDay(
        ["--point", point.code, "--date", THU, "--reason", "Sciopero"],
        again,
        config,
        core.clock,
      ),
    ).toBe(0);
    expect(again.stdout).toContain("era già chiuso");

    const bad = capture();
    expect(await runPointsCloseDay(["--point", point.code, "--date", THU], bad, config, core.clock)).toBe(2);
    expect(bad.stderr).toContain("Mancano --point, --date o --reason.");
    expect(await runPointsCloseDay(["--pint", "x"], bad, config, core.clock)).toBe(2);
    const unknown = capture();
    expect(
      await runPointsCloseDay(["--point", "NOPE", "--date", THU, "--reason", "Sciopero"], unknown, config, core.clock),
    ).toBe(1);
    expect(unknown.stderr).toContain("Punto non trovato: NOPE");
    const past = capture();
    expect(
      await runPointsCloseDay(
        ["--point", point.code, "--date", "2026-11-02", "--reason", "Sciopero"],
        past,
        config,
        core.clock,
      ),
    ).toBe(1);
    expect(past.stderr).toContain("Quel giorno è già passato");
  });
});
