// DEV-ONLY entry of preview.html: the real App over a fake backend.
// Open http://localhost:1420/preview.html (?n=ORDERS, ?open=1 to open the first order,
// ?scroll=ROW to scroll the list to a row index, ?auth=ok|fail|wait for the BASE
// authorization, ?notice=TEXT for the startup notice, ?empty=1 for no shops,
// ?update=VERSION for an update offer (&update_busy=1: refused as during 発送情報の更新),
// ?do=a,b,c to click test ids in turn (or fill one: testid=value) for screenshots).
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "../App";
import "../styles.css";
import { installFakeBackend } from "./fakeBackend";

const params = new URLSearchParams(location.search);
const auth = params.get("auth");
installFakeBackend(Number(params.get("n") ?? 100000), {
  auth: auth === "fail" || auth === "wait" ? auth : "ok",
  notice: params.get("notice"),
  empty: params.get("empty") === "1",
  update: params.get("update"),
  updateBusy: params.get("update_busy") === "1",
});

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

if (params.get("open")) {
  // Click the first row once it is there, to show the detail pane in screenshots.
  const timer = setInterval(() => {
    const row = document.querySelector<HTMLElement>('[data-testid^="order-row-"]');
    if (row) {
      clearInterval(timer);
      row.click();
    }
  }, 100);
}

const scrollTo = Number(params.get("scroll") ?? 0);
if (scrollTo > 0) {
  const timer = setInterval(() => {
    const el = document.querySelector<HTMLElement>('[data-testid="order-table-scroll"]');
    if (el && el.scrollHeight > scrollTo * 36) {
      clearInterval(timer);
      el.scrollTop = scrollTo * 36;
    }
  }, 100);
}

/** Waits for the element with this test id (up to 5 s). */
async function waitFor(testId: string): Promise<HTMLElement | null> {
  for (let i = 0; i < 50; i++) {
    const el = document.querySelector<HTMLElement>(`[data-testid="${testId}"]`);
    if (el) return el;
    await new Promise((r) => setTimeout(r, 100));
  }
  console.warn("preview: no element", testId);
  return null;
}

/** Sets a React-controlled input's value the way typing would. */
function fill(el: HTMLElement, value: string) {
  const proto = el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : el instanceof HTMLSelectElement ? HTMLSelectElement.prototype : HTMLInputElement.prototype;
  Object.getOwnPropertyDescriptor(proto, "value")!.set!.call(el, value);
  el.dispatchEvent(new Event(el instanceof HTMLSelectElement ? "change" : "input", { bubbles: true }));
}

const steps = (params.get("do") ?? "").split(",").filter((s) => s !== "");
if (steps.length > 0) {
  void (async () => {
    for (const step of steps) {
      const eq = step.indexOf("=");
      const testId = eq < 0 ? step : step.slice(0, eq);
      const el = await waitFor(testId);
      if (!el) return;
      if (eq < 0) el.click();
      else fill(el, decodeURIComponent(step.slice(eq + 1)));
      await new Promise((r) => setTimeout(r, 150));
    }
  })();
}
