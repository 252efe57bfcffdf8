FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000
COPY package.json package-lock.json ./
COPY scripts/prisma-generate.ts scripts/
COPY prisma prisma
COPY prisma.config.ts tsconfig.json ./
RUN npm ci --omit=dev
COPY . .
RUN npm run generate && mkdir -p .data && chown node:node .data
EXPOSE 3000
USER node
# node itself, not npm: it gets the stop signals; the client was generated above
CMD ["node", "--import", "tsx", "app/main.ts"]
