export type FacilitatorRole = "facilitator" | "team_lead" | "scd_volunteer";

/**
 * Services delivered by volunteers of the Servizio Civile Digitale are counted apart (programme
 * SCD) and never toward the network's (RFD) citizen target.
 */
export function countsTowardNetworkTarget(role: FacilitatorRole): boolean {
  return role !== "scd_volunteer";
}

export function programmeOf(role: FacilitatorRole): "RFD" | "SCD" {
  return role === "scd_volunteer" ? "SCD" : "RFD";
}
