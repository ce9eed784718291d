// DEV-ONLY entry of preview.html: the real App over a fake backend.
// Open http://localhost:1420/preview.html (?n=ORDERS, ?open=1 to open the first order,
// ?scroll=ROW to scroll the list to a row index).
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "../App";
import "../styles.css";
import { installFakeBackend } from "./fakeBackend";

const params = new URLSearchParams(location.search);
installFakeBackend(Number(params.get("n") ?? 100000));

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
