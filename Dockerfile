# keysmith as a container image. Built by users (`docker build -t keysmith .`, or `docker compose
# up` with compose.yaml), not in CI: test/unit/container-recipe.test.ts and
# test/clients/container-start.test.ts check this recipe without a Docker engine.
#
# Stage 1 installs every dependency and compiles with the same commands as a clone
# (`npm ci`, `npm run build`), then drops the dev dependencies; stage 2 is the runtime.

FROM node:20-bookworm-slim AS build
# better-sqlite3 downloads a prebuilt binary when it can and compiles from source otherwise.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json ./
COPY src/ src/
RUN npm run build
RUN npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    KEYSMITH_HOST=0.0.0.0 \
    KEYSMITH_PORT=4747 \
    KEYSMITH_DATA_DIR=/data
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules/ node_modules/
COPY --from=build /app/dist/src/ dist/src/
COPY bin/ bin/
COPY console/ console/
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME /data
EXPOSE 4747
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.KEYSMITH_PORT || 4747) + '/_keysmith/ready').then((r) => process.exit(r.status === 200 ? 0 : 1), () => process.exit(1))"]
# The server's V8 flags: src/server/node-flags.ts says why (a test keeps the two the same).
CMD ["node", "--max-semi-space-size=32", "bin/keysmith.js", "serve"]
