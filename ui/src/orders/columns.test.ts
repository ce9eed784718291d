import { describe, expect, it } from "vitest";
import { columnLayout } from "./columns";

describe("columnLayout", () => {
  it("shows every column where they fit", () => {
    const l = columnLayout(1246);
    expect(l.hidden).toEqual([]);
    expect(l.template.replace(/minmax\([^)]*\)/g, "flex").split(" ")).toHaveLength(10);
  });

  it("leaves out 配送会社, then 出荷日, ... rather than cutting 注文番号, ショップ and 購入者 (1280 wide, detail open)", () => {
    expect(columnLayout(844).hidden).toEqual(["carrier", "ship_date"]);
  });

  it("keeps 注文番号, 購入者, 合計 and ステータス whole in a narrow list (1024 wide, detail open)", () => {
    const l = columnLayout(640);
    expect(l.hidden).toEqual(["carrier", "ship_date", "tracking_number", "ordered_at"]);
    expect(l.minWidth).toBeLessThanOrEqual(640);
  });

  it("scrolls sideways only below the kept columns' minimum", () => {
    const l = columnLayout(300);
    expect(l.hidden).toHaveLength(5);
    expect(l.minWidth).toBe(40 + 104 + 72 + 84 + 128);
  });
});
