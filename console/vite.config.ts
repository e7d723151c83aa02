import { defineConfig } from "vite";

// A static build: index.html, hashed assets and no config (config.json is written per deployment; see README).
export default defineConfig({
  base: "/",
  esbuild: { jsx: "automatic", jsxImportSource: "preact" },
  resolve: { alias: { react: "preact/compat", "react-dom": "preact/compat" } },
  build: { outDir: "dist", sourcemap: true, target: "es2022", chunkSizeWarningLimit: 400 },
  server: { host: "localhost", port: 5173, strictPort: true },
});
