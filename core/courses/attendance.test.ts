import { describe, expect, it } from "vitest";
import { courseServiceType } from "./attendance.js";

describe("courseServiceType (SE3)", () => {
  it("is B for group facilitation, C for training in person, D for training online", () => {
    expect(courseServiceType({ format: "group_facilitation" }, false)).toBe("B");
    expect(courseServiceType({ format: "group_facilitation" }, true)).toBe("B");
    expect(courseServiceType({ format: "training" }, false)).toBe("C");
    expect(courseServiceType({ format: "training" }, true)).toBe("D");
    // a session made before courses existed (the demo's) is training
    expect(courseServiceType(null, false)).toBe("C");
  });
});
