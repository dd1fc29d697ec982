# orgtrail service image: Node 20, run from the TypeScript sources with tsx (npm start).
FROM node:20-slim

# better-sqlite3 (the embedded store) downloads a prebuilt binary when one matches and is
# compiled with node-gyp otherwise, which needs python3, make and g++.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app

# Dependencies first, so that source changes do not reinstall them. tsx is a runtime
# dependency; the dev dependencies (testcontainers, vitest, typescript) are not installed.
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force

# Only what the service runs: copying the whole context would also copy a host node_modules
# over the one built here for this image's platform.
COPY tsconfig.json ./
COPY src ./src
COPY events ./events
COPY projections ./projections
COPY seeds ./seeds
COPY web ./web

ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    ORGTRAIL_DATA_DIR=/data
RUN mkdir -p /data && chown node:node /data
VOLUME /data
USER node
EXPOSE 3000

HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/api/v1/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"

# npm relays SIGTERM to the service, which then drains requests and closes the store.
CMD ["npm", "start"]
