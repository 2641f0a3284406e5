# syntax=docker/dockerfile:1.7
# The PWA (apps/web) built by Vite and served on port 4173 by docker/web/server.mjs (Fastify + @fastify/static,
# SPA fallback, /health/live, /health/ready, /metrics).
# Build from the repository root:  docker build -f docker/web.Dockerfile -t oversing/web .
ARG NODE_IMAGE=node:20-bookworm-slim

# ---- build: every dependency, then the Vite production build into apps/web/dist ----
FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV CI=true NX_DAEMON=false NX_NO_CLOUD=true
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund
COPY . .
# Vite bakes VITE_* variables in at build time. Leave VITE_API_URL empty for a same-origin deployment
# (Kubernetes: the app host routes /api, /oauth, /.well-known and /admin to the API); compose passes
# http://localhost:3000. The PWA finds the certification and realtime services via GET /api/v1/config.
ARG VITE_API_URL=""
ENV VITE_API_URL=${VITE_API_URL}
RUN npx vite build apps/web && test -f apps/web/dist/index.html

# ---- prod-deps: production dependencies only (fastify, @fastify/static, prom-client for the server) ----
FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev --no-audit --no-fund

# ---- runtime ----
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production PORT=4173 WEB_ROOT=/app/public
WORKDIR /app
COPY --from=prod-deps /app/node_modules ./node_modules
COPY package.json ./
COPY docker/web/server.mjs ./docker/web/server.mjs
COPY docker/healthcheck.mjs ./docker/healthcheck.mjs
COPY --from=build /app/apps/web/dist ./public
# uid/gid 1000 is the "node" user of the official image; numeric so Kubernetes can verify runAsNonRoot.
USER 1000:1000
EXPOSE 4173
HEALTHCHECK --interval=15s --timeout=5s --start-period=10s --retries=3 \
  CMD ["node", "docker/healthcheck.mjs", "/health/ready"]
STOPSIGNAL SIGTERM
CMD ["node", "docker/web/server.mjs"]
