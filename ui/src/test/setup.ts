import { cleanup } from "@testing-library/react";
import { afterEach } from "vitest";

afterEach(() => cleanup());

// jsdom does no layout: every element measures 0×0, so a virtualized list would show
// no rows at all. Give elements a viewport-like size (10 rows of 36px + a 34px header
// would not fit exactly; 360px is what the virtualizer sees as the visible height).
export const VIEWPORT_HEIGHT = 360;
Object.defineProperty(HTMLElement.prototype, "clientHeight", {
  configurable: true,
  get: () => VIEWPORT_HEIGHT,
});
Object.defineProperty(HTMLElement.prototype, "clientWidth", {
  configurable: true,
  get: () => 1000,
});
