/**
 * A calendar date (`YYYY-MM-DD`, valid time) as the number yyyymmdd: same order as the
 * string, compared as a small integer. Dates reaching the read models are schema-checked
 * (events) or zod-checked (queries); anything else is a programming error and throws.
 */
export function dayKey(date: string): number {
  if (date.length !== 10 || date.charCodeAt(4) !== 45 || date.charCodeAt(7) !== 45) {
    throw new TypeError(`not a calendar date: ${JSON.stringify(date)}`);
  }
  let key = 0;
  for (let i = 0; i < 10; i++) {
    if (i === 4 || i === 7) continue;
    const digit = date.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) throw new TypeError(`not a calendar date: ${JSON.stringify(date)}`);
    key = key * 10 + digit;
  }
  return key;
}
