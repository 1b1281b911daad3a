# syntax=docker/dockerfile:1
# The image of every Baton service, built from the repository root with the app as a build argument:
#   docker build --build-arg APP=scoring --build-arg PORT=3001 -t ghcr.io/baton/scoring:0.1.0 .
# APP is ingest, scoring, lifecycle or notifier; PORT is that service's default port (ingest 3000, scoring 3001,
# lifecycle 3002, notifier 3003), which EXPOSE documents. docker-compose.yml passes both.

# ---- build: install the whole workspace and bundle the app with Nx ---------------------------------
FROM node:20-bookworm-slim AS build
ARG APP
WORKDIR /workspace
ENV NX_DAEMON=false NX_NO_CLOUD=true
# Manifests first, so that the dependency layer is reused until they change (and shared by the four images).
COPY package.json package-lock.json ./
# `npm install`, not `npm ci`: recent npm (11.16+) can reject, as out of sync, the very lockfile its own
# `npm install` wrote when it lists optional platform-specific packages (npm/cli#9846). With exact versions in
# package.json and the lockfile present, `npm install` resolves the same tree.
RUN npm install --no-audit --no-fund
COPY . .
RUN test -n "$APP" || { echo 'set --build-arg APP=<ingest|scoring|lifecycle|notifier>' >&2; exit 1; } \
 && npx nx run "$APP:build" --skip-nx-cache

# ---- runtime: the bundle plus its production npm dependencies, run as `node` (uid 1000) ------------
FROM node:20-bookworm-slim AS runtime
ARG APP
ARG PORT
ENV NODE_ENV=production
# Stack traces point at the TypeScript sources (the bundle ships its source map).
ENV NODE_OPTIONS=--enable-source-maps
WORKDIR /app
# main.js (and models/ for scoring and lifecycle) plus the package.json (and lockfile) Nx generated with only
# this app's runtime dependencies.
COPY --from=build /workspace/dist/apps/${APP}/ ./
# Same reason as above for `npm install` over `npm ci`. Files stay owned by root: the app cannot rewrite itself.
RUN npm install --omit=dev --no-audit --no-fund && npm cache clean --force
USER node
EXPOSE ${PORT}
CMD ["node", "main.js"]
