// How the buyer asked for a shipment to come (配送方法, お届け希望日時), as
// the mall sent it; the label export maps it to the carrier's codes.
import type { DeliveryWish } from "../bindings";
import { formatDate } from "../format";
import { Fact } from "./Fact";

/** 「2026/12/10 14時～16時」, 「指定なし」 when the buyer wished nothing. */
export function wishText(w: DeliveryWish): string {
  const parts = [formatDate(w.date ?? null), w.time ?? ""].filter((p) => p.trim() !== "");
  return parts.length === 0 ? "指定なし" : parts.join(" ");
}

/** The two facts of a shipment's wish, for the detail's fact list. */
export function DeliveryFacts({ wish, n }: { wish: DeliveryWish; n: number }) {
  return (
    <>
      <Fact label="配送方法" testId={`delivery-method-${n}`}>
        {wish.method ?? "指定なし"}
      </Fact>
      <Fact label="お届け希望日時" testId={`delivery-wish-${n}`}>
        {wishText(wish)}
      </Fact>
    </>
  );
}
