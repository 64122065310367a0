# kotae on Node 24 LTS, in two stages: production dependencies are installed in the first, the
# runtime stage copies them with the sources and runs as the unprivileged user `node`.
# The sources are TypeScript run directly by Node 24 (no build step). better-sqlite3 ships prebuilt
# binaries, so no compiler is needed: --ignore-scripts keeps npm from trying node-gyp.
FROM node:24-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund

FROM node:24-bookworm-slim
ENV NODE_ENV=production
ENV KOTAE_CONFIG=/app/kotae.config.yaml
# Memory stays flat (about 260 MB at the peak of a 20,000-message backfill, README): V8 collects
# young garbage early and caps its old space, and glibc keeps two malloc arenas instead of one per
# thread, and gives back freed memory. `npm run bench` runs kotae with these same settings, read from here.
# In this order, as bin/kotae.js writes them: with the semi-space flag first, the daemon idled 9 MB higher
# after 20,000 messages in every run measured (154-157 MB against 145-149; README, Benchmarks).
ENV NODE_OPTIONS=--max-old-space-size=256 --max-semi-space-size=4
ENV MALLOC_ARENA_MAX=2
# Blocks of 128 KB and more are mapped on their own and freed memory above 128 KB is trimmed, so what a
# finished analysis thread or Lindera left behind goes back: about 20 MB less idle and at the peak (README).
# A daemon that starts afresh to give memory back lowers the mmap threshold to 32 KB (src/cli/restart.ts).
ENV MALLOC_MMAP_THRESHOLD_=131072
ENV MALLOC_TRIM_THRESHOLD_=131072
# Node's compile cache (bin/kotae.js turns it on), filled below: a new container's first start and its first
# fresh start find every module stripped of types and compiled, instead of loading Node's type stripper and
# idling some 8 MB higher (README, Benchmarks).
ENV NODE_COMPILE_CACHE=/app/.compile-cache
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY package.json ./
COPY bin ./bin
COPY src ./src
COPY rules ./rules
COPY templates ./templates
COPY data/sample-mailbox ./data/sample-mailbox
COPY scripts/warm-compile-cache.js ./scripts/warm-compile-cache.js
# uid 1000 is the image's user `node` (numeric, so the step means the same everywhere it is replayed).
RUN mkdir -p /app/data && chown -R 1000:1000 /app/data
# For a first start and for a fresh start (V8's --optimize-for-size reads a cache of its own); the user
# `node` keeps adding to it.
RUN NODE_COMPILE_CACHE=/app/.compile-cache node scripts/warm-compile-cache.js && chown -R 1000:1000 /app/.compile-cache
USER node
# The store, raw mail and local outbox live here: mount it to keep them.
VOLUME ["/app/data"]
EXPOSE 8080
# `kotae health` asks /healthz at the http.host and http.port of the seller's configuration.
HEALTHCHECK --interval=60s --timeout=5s --start-period=90s --retries=3 CMD ["node", "bin/kotae.js", "health"]
ENTRYPOINT ["node", "bin/kotae.js"]
CMD ["run"]
