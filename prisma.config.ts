import { defineConfig } from "prisma/config";
import { PrismaPg } from "prisma-adapter-pg-cli";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  async adapter() {
    const url = new URL(process.env.DATABASE_URL ?? "");
    return new PrismaPg({
      host: url.hostname,
      port: Number(url.port || 5432),
      user: decodeURIComponent(url.username),
      password: decodeURIComponent(url.password),
      database: url.pathname.slice(1),
      // let the CLI exit at once instead of waiting for idle connections to time out
      allowExitOnIdle: true,
      idleTimeoutMillis: 200,
    });
  },
});
