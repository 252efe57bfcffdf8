/**
 * A phone number as typed by a person, normalised to +<country><number>, or undefined.
 * Italian numbers may omit +39: mobiles start with 3 (9-10 digits), landlines with 0 (6-11 digits).
 */
export function normalisePhone(text: string): string | undefined {
  const compact = text.replace(/[\s.\-/()]/g, "");
  if (!/^(\+|00)?\d+$/.test(compact)) return undefined;
  let digits = compact.replace(/^00/, "+");
  if (digits.startsWith("+")) {
    if (digits.startsWith("+39")) digits = digits.slice(3);
    else return /^\+[1-9]\d{7,14}$/.test(digits) ? digits : undefined;
  }
  if (/^3\d{8,9}$/.test(digits) || /^0\d{5,10}$/.test(digits)) return `+39${digits}`;
  return undefined;
}

/** A number as people read it: "+393331234567" → "333 123 4567"; foreign numbers stay as they are. */
export function displayPhone(phone: string | null | undefined): string | null {
  if (!phone) return null;
  const italian = /^\+39(\d+)$/.exec(phone)?.[1];
  if (!italian) return phone;
  return italian.startsWith("3") && italian.length >= 9
    ? `${italian.slice(0, 3)} ${italian.slice(3, 6)} ${italian.slice(6)}`
    : italian;
}
