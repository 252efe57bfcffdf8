/** A language tag as browsers send it: "it", "en-GB", "zh-Hant-TW". */
const TAG = /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8}){0,3}$/;

/**
 * The device language from an `Accept-Language` header: the tag with the highest weight
 * (the first one on a tie), or undefined when there is none worth using.
 */
export function deviceLanguage(header: string | undefined): string | undefined {
  if (!header) return undefined;
  let best: { tag: string; q: number } | undefined;
  for (const part of header.slice(0, 500).split(",")) {
    const [rawTag = "", ...params] = part.split(";").map((s) => s.trim());
    if (!TAG.test(rawTag)) continue;
    const qParam = params.find((p) => /^q=/i.test(p));
    const q = qParam === undefined ? 1 : Number(qParam.slice(2));
    if (!Number.isFinite(q) || q <= 0 || q > 1) continue;
    if (!best || q > best.q) best = { tag: rawTag, q };
  }
  return best?.tag;
}
