// Display formats used across the order screen. Times are always shown in JST,
// whatever the PC's own time zone is.

const JST_OFFSET_MS = 9 * 60 * 60 * 1000;

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** RFC 3339 timestamp -> "yyyy/MM/dd HH:mm" in JST. Unparseable input is returned as is. */
export function formatDateTime(rfc3339: string): string {
  const ms = Date.parse(rfc3339);
  if (Number.isNaN(ms)) return rfc3339;
  const d = new Date(ms + JST_OFFSET_MS);
  return (
    `${d.getUTCFullYear()}/${pad2(d.getUTCMonth() + 1)}/${pad2(d.getUTCDate())} ` +
    `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}`
  );
}

/** "YYYY-MM-DD" -> "yyyy/MM/dd"; null -> "". */
export function formatDate(ymd: string | null): string {
  if (!ymd) return "";
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd);
  return m ? `${m[1]}/${m[2]}/${m[3]}` : ymd;
}

/** Integer yen -> "¥12,345" (negative: "-¥500"). */
export function formatYen(amount: number): string {
  const sign = amount < 0 ? "-" : "";
  const digits = Math.round(Math.abs(amount)).toString();
  return `${sign}¥${digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",")}`;
}

/** 1234 -> "1,234" */
export function formatCount(n: number): string {
  return n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** "1234567" -> "〒123-4567"; other shapes are shown as given. */
export function formatZip(zip: string | null): string {
  if (!zip) return "";
  const digits = zip.replace(/[^0-9]/g, "");
  return digits.length === 7 ? `〒${digits.slice(0, 3)}-${digits.slice(3)}` : `〒${zip}`;
}

/** Today's date in Japan (JST has no daylight saving) as "YYYY-MM-DD". */
export function todayJst(now: Date = new Date()): string {
  const d = new Date(now.getTime() + JST_OFFSET_MS);
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

/**
 * A 出荷日 as typed (2026-12-02, 2026/12/02 or 20261202, full-width digits too) ->
 * "2026-12-02", or null when it is not such a date. Only for showing what was saved:
 * the backend (save_shipment) reads and checks the date itself and explains a wrong one.
 */
export function readShipDate(typed: string): string | null {
  const t = typed.trim().normalize("NFKC");
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t) ?? /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/.exec(t) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(t);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  if (y < 2000 || y > 2100) return null;
  return `${y}-${pad2(mo)}-${pad2(d)}`;
}
