# Production image: the Express server with the built admin. Media and the database live outside it.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production PORT=3000
COPY --from=build /app /app
RUN mkdir -p /app/data /app/media && chown -R node:node /app/data /app/media
USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=3s CMD node -e "fetch('http://127.0.0.1:3000/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# A deployment: refuses to start without PAYLOAD_SECRET, an https SERVER_URL and SMTP_URL.
CMD ["npm", "run", "serve"]
