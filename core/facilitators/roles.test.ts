import { describe, expect, it } from "vitest";
import { countsTowardNetworkTarget, programmeOf } from "./roles.js";

describe("facilitator roles", () => {
  it("counts the work of Servizio Civile Digitale volunteers apart, never toward the network target", () => {
    expect(countsTowardNetworkTarget("facilitator")).toBe(true);
    expect(countsTowardNetworkTarget("team_lead")).toBe(true);
    expect(countsTowardNetworkTarget("scd_volunteer")).toBe(false);
    expect(programmeOf("scd_volunteer")).toBe("SCD");
    expect(programmeOf("facilitator")).toBe("RFD");
  });
});
