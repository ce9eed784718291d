import { describe, expect, it } from "vitest";
import { render, screen } from "@testing-library/react";
import type { Status, StatusCounts } from "../bindings";
import { StatusTabs } from "./StatusTabs";

const statuses: Status[] = ["新規受付", "保留"];

describe("StatusTabs", () => {
  it("shows a search's capped counts as 「1,000件以上」 and the others as they are", () => {
    const counts: StatusCounts = {
      all: 1000,
      all_capped: true,
      by_status: [
        { status: "新規受付", count: 1000, capped: true },
        { status: "保留", count: 12 },
      ],
    };
    render(<StatusTabs statuses={statuses} counts={counts} current={null} onChange={() => {}} />);
    expect(screen.getByTestId("status-count-全て").textContent).toBe("1,000件以上");
    const tabs = screen.getAllByRole("tab").map((t) => t.textContent);
    expect(tabs).toContain("新規受付1,000件以上");
    expect(tabs.some((t) => t?.endsWith("12"))).toBe(true);
  });

  it("shows exact counts without 以上", () => {
    const counts: StatusCounts = { all: 2500, by_status: [{ status: "新規受付", count: 2500 }] };
    render(<StatusTabs statuses={statuses} counts={counts} current={null} onChange={() => {}} />);
    expect(screen.getByTestId("status-count-全て").textContent).toBe("2,500");
  });
});
