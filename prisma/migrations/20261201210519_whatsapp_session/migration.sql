-- CreateTable
CREATE TABLE "whatsapp_session" (
    "name" TEXT NOT NULL,
    "creds" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "whatsapp_session_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "whatsapp_auth_key" (
    "session" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "key_id" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "whatsapp_auth_key_pkey" PRIMARY KEY ("session","type","key_id")
);

-- CreateTable
CREATE TABLE "whatsapp_sent_message" (
    "session" TEXT NOT NULL,
    "message_id" TEXT NOT NULL,
    "content" BYTEA NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "whatsapp_sent_message_pkey" PRIMARY KEY ("session","message_id")
);

-- CreateTable
CREATE TABLE "whatsapp_inbound_message" (
    "session" TEXT NOT NULL,
    "message_id" TEXT NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "whatsapp_inbound_message_pkey" PRIMARY KEY ("session","message_id")
);

-- CreateIndex
CREATE INDEX "whatsapp_sent_message_expires_at_idx" ON "whatsapp_sent_message"("expires_at");

-- CreateIndex
CREATE INDEX "whatsapp_inbound_message_received_at_idx" ON "whatsapp_inbound_message"("received_at");

-- AddForeignKey
ALTER TABLE "whatsapp_auth_key" ADD CONSTRAINT "whatsapp_auth_key_session_fkey" FOREIGN KEY ("session") REFERENCES "whatsapp_session"("name") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "whatsapp_sent_message" ADD CONSTRAINT "whatsapp_sent_message_session_fkey" FOREIGN KEY ("session") REFERENCES "whatsapp_session"("name") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "whatsapp_inbound_message" ADD CONSTRAINT "whatsapp_inbound_message_session_fkey" FOREIGN KEY ("session") REFERENCES "whatsapp_session"("name") ON DELETE CASCADE ON UPDATE CASCADE;

-- Session names are short and plain (they appear in logs, lock names and /healthz).
ALTER TABLE "whatsapp_session" ADD CONSTRAINT "whatsapp_session_name_check" CHECK ("name" ~ '^[a-z0-9][a-z0-9_-]{0,39}$');
