import { describe, expect, it } from "vitest";
import { formatCount, formatDate, formatDateTime, formatYen, formatZip, readShipDate, todayJst } from "./format";

describe("formatDateTime", () => {
  it("shows a JST timestamp as yyyy/MM/dd HH:mm", () => {
    expect(formatDateTime("2026-11-23T09:05:00+09:00")).toBe("2026/11/23 09:05");
  });
  it("converts other offsets to JST, across the date line", () => {
    expect(formatDateTime("2026-11-22T15:30:00Z")).toBe("2026/11/23 00:30");
    expect(formatDateTime("2026-12-31T23:59:59-10:00")).toBe("2027/01/01 18:59");
  });
  it("leaves what it cannot read as it is", () => {
    expect(formatDateTime("不明")).toBe("不明");
  });
});

describe("formatYen", () => {
  it("adds ¥ and thousands separators", () => {
    expect(formatYen(0)).toBe("¥0");
    expect(formatYen(980)).toBe("¥980");
    expect(formatYen(1000)).toBe("¥1,000");
    expect(formatYen(1234567)).toBe("¥1,234,567");
  });
  it("puts the minus before the yen sign", () => {
    expect(formatYen(-5000)).toBe("-¥5,000");
  });
});

describe("other formats", () => {
  it("formats dates, counts and postal codes", () => {
    expect(formatDate("2026-11-03")).toBe("2026/11/03");
    expect(formatDate(null)).toBe("");
    expect(formatCount(100000)).toBe("100,000");
    expect(formatZip("1500001")).toBe("〒150-0001");
    expect(formatZip("150-0001")).toBe("〒150-0001");
  });
});

describe("todayJst", () => {
  it("is the date in Japan, not the PC's own", () => {
    expect(todayJst(new Date("2026-12-01T14:59:59Z"))).toBe("2026-12-01");
    expect(todayJst(new Date("2026-12-01T15:00:00Z"))).toBe("2026-12-02");
  });
});

describe("readShipDate", () => {
  it("reads the three ways a 出荷日 can be typed, full-width digits too", () => {
    expect(readShipDate("2026-12-02")).toBe("2026-12-02");
    expect(readShipDate(" 2026/12/2 ")).toBe("2026-12-02");
    expect(readShipDate("20261202")).toBe("2026-12-02");
    expect(readShipDate("２０２６／１２／０２")).toBe("2026-12-02");
  });
  it("is null for a half-typed or impossible date", () => {
    expect(readShipDate("2026-12")).toBeNull();
    expect(readShipDate("2026-02-30")).toBeNull();
    expect(readShipDate("12/02")).toBeNull();
    expect(readShipDate("")).toBeNull();
  });
});
