-- CreateTable
CREATE TABLE "facilitator_identity" (
    "id" UUID NOT NULL,
    "facilitator_id" UUID NOT NULL,
    "channel" "channel" NOT NULL,
    "external_id" TEXT NOT NULL,
    "language" TEXT NOT NULL DEFAULT 'it',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "facilitator_identity_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "facilitator_invite" (
    "id" UUID NOT NULL,
    "facilitator_id" UUID NOT NULL,
    "point_id" UUID NOT NULL,
    "code_hash" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "used_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "facilitator_invite_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "facilitator_link_failure" (
    "id" BIGSERIAL NOT NULL,
    "chat_key" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "facilitator_link_failure_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "facilitator_identity_facilitator_id_idx" ON "facilitator_identity"("facilitator_id");

-- CreateIndex
CREATE UNIQUE INDEX "facilitator_identity_channel_external_id_key" ON "facilitator_identity"("channel", "external_id");

-- CreateIndex
CREATE UNIQUE INDEX "facilitator_invite_code_hash_key" ON "facilitator_invite"("code_hash");

-- CreateIndex
CREATE INDEX "facilitator_invite_facilitator_id_idx" ON "facilitator_invite"("facilitator_id");

-- CreateIndex
CREATE INDEX "facilitator_link_failure_chat_key_at_idx" ON "facilitator_link_failure"("chat_key", "at");

-- AddForeignKey
ALTER TABLE "facilitator_identity" ADD CONSTRAINT "facilitator_identity_facilitator_id_fkey" FOREIGN KEY ("facilitator_id") REFERENCES "facilitator"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "facilitator_invite" ADD CONSTRAINT "facilitator_invite_facilitator_id_fkey" FOREIGN KEY ("facilitator_id") REFERENCES "facilitator"("id") ON DELETE CASCADE ON UPDATE CASCADE;
