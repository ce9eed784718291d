import { defineConfig } from "vitest/config";
import react from "@vitejs/plugin-react";

// Production build: only index.html (the app). preview.html and src/preview/* are a
// dev-only page with a fake backend for looking at the screen outside Tauri; vite build
// never sees them because they are not reachable from index.html.
export default defineConfig({
  plugins: [react()],
  clearScreen: false,
  server: { port: 1420, strictPort: true },
  build: { outDir: "dist", target: "es2022", emptyOutDir: true },
  test: {
    environment: "jsdom",
    include: ["src/**/*.test.{ts,tsx}"],
    setupFiles: ["src/test/setup.ts"],
    clearMocks: true,
  },
});
