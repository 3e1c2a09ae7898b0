# syntax=docker/dockerfile:1
# The CRM on one box: `docker compose up -d` (compose.yaml), data in the /data volume.
# These are the steps test/entry/production-build.test.ts runs without Docker: build, then
# `npm ci --omit=dev` in a clean folder, then `node dist/server.js`.

FROM node:24-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

FROM node:24-slim
ENV NODE_ENV=production \
    PORT=8787 \
    DATABASE_URL=file:/data/crm.db
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
# The image's `node` user (uid 1000) owns the data; nothing runs as root.
RUN mkdir -p /data && chown node:node /data && chmod 0700 /data
USER node
VOLUME ["/data"]
EXPOSE 8787
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 8787) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Applies pending migrations, then serves intake, the bot and the jobs.
CMD ["node", "dist/server.js"]
