# One image for the API, the worker and the command line; docker-compose.yml picks the command.
# Node 24 LTS; the final stage runs as the unprivileged `node` user and reports its health.
FROM node:24-bookworm-slim AS build
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm install --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:24-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/bin ./bin
COPY --from=build /app/seeds ./seeds
# The pages' templates and scripts are read at run time; the stylesheet is built into dist/web.
COPY --from=build /app/apps/api/web ./apps/api/web
# The reminder emails' templates, read by the worker as it composes each email.
COPY --from=build /app/libs/reminders/templates ./libs/reminders/templates
# var/ holds the SQLite file (when used), the outbox and backups: the one place the service writes.
RUN mkdir -p /app/var && chown node:node /app/var
VOLUME ["/app/var"]
USER node
EXPOSE 3000
# Liveness of the API (no database or Redis round trip); the worker's service in docker-compose.yml
# replaces it, as the worker serves no HTTP.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 CMD ["node", "bin/healthcheck.js"]
# The worker finishes the email in hand on SIGTERM within WORKER_SHUTDOWN_MS.
STOPSIGNAL SIGTERM
CMD ["node", "dist/apps/api/src/main.js"]
