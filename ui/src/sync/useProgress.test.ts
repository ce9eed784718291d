import { describe, expect, it } from "vitest";
import type { Progress } from "../bindings";
import { progressLine } from "./useProgress";

const base: Progress = { shop_id: 1, shop_name: "BASE 1号店", task: "sync", pages: 0, orders: 0, calls: 1, sent: 0, total: 0, finished: false };

describe("progressLine", () => {
  it("says what a running fetch or export has done", () => {
    expect(progressLine(base)).toBe("BASE 1号店: 受注を取得中…");
    expect(progressLine({ ...base, pages: 3, orders: 1250, calls: 4 })).toBe("BASE 1号店: 受注を取得中 3ページ・1,250件（API 4回）");
    expect(progressLine({ ...base, task: "export", sent: 2, total: 10 })).toBe("BASE 1号店: 発送情報を送信中 2/10件");
  });
});
