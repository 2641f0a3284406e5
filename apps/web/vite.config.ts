import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

const root = fileURLToPath(new URL('.', import.meta.url));

/** Writes .br and .gz next to each text asset, which apps/web-server sends to browsers that accept them. */
function precompress(outDir: string): Plugin {
  return {
    name: 'oversing-precompress',
    apply: 'build',
    closeBundle() {
      for (const entry of readdirSync(outDir, { recursive: true, withFileTypes: true })) {
        if (!entry.isFile() || !/\.(js|css|html|webmanifest|svg)$/.test(entry.name)) continue;
        const path = join(entry.parentPath, entry.name);
        const body = readFileSync(path);
        if (body.length < 1024) continue;
        writeFileSync(`${path}.gz`, gzipSync(body, { level: 9 }));
        writeFileSync(
          `${path}.br`,
          brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
        );
      }
    },
  };
}

/**
 * The PWA build. The service worker (src/sw.ts) is compiled by vite-plugin-pwa with injectManifest, so
 * it precaches the app shell Workbox lists and adds our own runtime routes (API reads network-first)
 * and the Background Sync hand-off of the offline mutation queue.
 */
export default defineConfig({
  root,
  base: '/',
  resolve: {
    alias: {
      '@': `${root}src`,
      '@oversing/verifier': fileURLToPath(new URL('../../libs/verifier/src/index.ts', import.meta.url)),
      '@oversing/contracts': fileURLToPath(new URL('../../libs/contracts/src/index.ts', import.meta.url)),
    },
  },
  plugins: [
    react(),
    tailwindcss(),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src',
      filename: 'sw.ts',
      registerType: 'prompt',
      injectRegister: false,
      injectManifest: { globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'] },
      manifest: {
        id: '/',
        name: 'Oversing',
        short_name: 'Oversing',
        description: 'Programs, tasks, workflows, time, money and certifications, online or off.',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        background_color: '#0f172a',
        theme_color: '#4f46e5',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      devOptions: { enabled: false },
    }),
    precompress(`${root}dist`),
  ],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // maps are written for operators (symbolicating an error report) but not referenced from the bundles,
    // and apps/web-server does not serve them
    sourcemap: 'hidden',
    target: 'es2022',
  },
  preview: { port: 4173 },
});
