# One image for the API, the worker and the command line; docker-compose.yml picks the command.
FROM node:20-bookworm-slim AS build
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm install --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/bin ./bin
COPY --from=build /app/seeds ./seeds
# The pages' templates and scripts are read at run time; the stylesheet is built into dist/web.
COPY --from=build /app/apps/api/web ./apps/api/web
USER node
EXPOSE 3000
CMD ["node", "dist/apps/api/src/main.js"]
