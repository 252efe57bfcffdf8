import { describe, expect, it } from "vitest";
import { DEFAULT_USER_MESSAGE, SportelloError, userMessageOf } from "./errors.js";

describe("SportelloError", () => {
  it("keeps the internal message apart from the Italian one", () => {
    const error = new SportelloError({
      code: "not_found",
      message: "point 42 not found",
      userMessage: "Non trovo questo punto.",
    });
    expect(error.message).toBe("point 42 not found");
    expect(error.userMessage).toBe("Non trovo questo punto.");
    expect(error.code).toBe("not_found");
    expect(userMessageOf(error)).toBe("Non trovo questo punto.");
  });

  it("gives a kind generic sentence for foreign errors", () => {
    expect(userMessageOf(new TypeError("x is undefined"))).toBe(DEFAULT_USER_MESSAGE);
    expect(new SportelloError({ code: "internal", message: "boom" }).userMessage).toBe(DEFAULT_USER_MESSAGE);
  });
});
