-- CreateEnum
CREATE TYPE "outbound_state" AS ENUM ('pending', 'sending', 'sent', 'failed', 'cancelled', 'skipped', 'unknown');

-- CreateEnum
CREATE TYPE "recipient_kind" AS ENUM ('citizen', 'facilitator');

-- AlterTable
ALTER TABLE "channel_identity" ADD COLUMN     "unreachable_at" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "outbound_message" (
    "id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "recipient_kind" "recipient_kind" NOT NULL DEFAULT 'citizen',
    "citizen_id" UUID,
    "facilitator_id" UUID,
    "channel" "channel" NOT NULL,
    "address" TEXT NOT NULL,
    "params" JSONB NOT NULL DEFAULT '{}',
    "booking_id" UUID,
    "waitlist_entry_id" UUID,
    "course_session_id" UUID,
    "due_at" TIMESTAMPTZ(3) NOT NULL,
    "expires_at" TIMESTAMPTZ(3),
    "state" "outbound_state" NOT NULL DEFAULT 'pending',
    "reason" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,
    "provider_message_id" TEXT,
    "sent_at" TIMESTAMPTZ(3),
    "lease_until" TIMESTAMPTZ(3),
    "queued_due_at" TIMESTAMPTZ(3),
    "acted_at" TIMESTAMPTZ(3),
    "acted_verb" TEXT,
    "dedupe_key" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "outbound_message_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "outbound_message_dedupe_key_key" ON "outbound_message"("dedupe_key");

-- CreateIndex
CREATE INDEX "outbound_message_booking_id_idx" ON "outbound_message"("booking_id");

-- CreateIndex
CREATE INDEX "outbound_message_waitlist_entry_id_idx" ON "outbound_message"("waitlist_entry_id");

-- CreateIndex
CREATE INDEX "outbound_message_course_session_id_idx" ON "outbound_message"("course_session_id");

-- CreateIndex
CREATE INDEX "outbound_message_citizen_id_idx" ON "outbound_message"("citizen_id");

-- CreateIndex
CREATE INDEX "outbound_message_channel_address_idx" ON "outbound_message"("channel", "address");

-- AddForeignKey
ALTER TABLE "outbound_message" ADD CONSTRAINT "outbound_message_citizen_id_fkey" FOREIGN KEY ("citizen_id") REFERENCES "citizen"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "outbound_message" ADD CONSTRAINT "outbound_message_facilitator_id_fkey" FOREIGN KEY ("facilitator_id") REFERENCES "facilitator"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "outbound_message" ADD CONSTRAINT "outbound_message_booking_id_fkey" FOREIGN KEY ("booking_id") REFERENCES "booking"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "outbound_message" ADD CONSTRAINT "outbound_message_waitlist_entry_id_fkey" FOREIGN KEY ("waitlist_entry_id") REFERENCES "waitlist_entry"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "outbound_message" ADD CONSTRAINT "outbound_message_course_session_id_fkey" FOREIGN KEY ("course_session_id") REFERENCES "course_session"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Outbound messages: well-formed rows, found fast by the dispatcher and the lease sweeper.
ALTER TABLE "outbound_message" ADD CONSTRAINT "outbound_message_recipient_check"
  CHECK (("recipient_kind" <> 'citizen' OR "facilitator_id" IS NULL) AND ("recipient_kind" <> 'facilitator' OR "citizen_id" IS NULL));
ALTER TABLE "outbound_message" ADD CONSTRAINT "outbound_message_attempts_check" CHECK ("attempts" >= 0);
ALTER TABLE "outbound_message" ADD CONSTRAINT "outbound_message_sent_check"
  CHECK ("state" <> 'sent' OR "sent_at" IS NOT NULL);
ALTER TABLE "outbound_message" ADD CONSTRAINT "outbound_message_lease_check"
  CHECK ("state" <> 'sending' OR "lease_until" IS NOT NULL);
CREATE INDEX "outbound_message_pending_due" ON "outbound_message" ("due_at", "id") WHERE "state" = 'pending';
CREATE INDEX "outbound_message_sending_lease" ON "outbound_message" ("lease_until") WHERE "state" = 'sending';
CREATE INDEX "outbound_message_to_queue" ON "outbound_message" ("due_at", "id")
  WHERE "state" = 'pending' AND "queued_due_at" IS DISTINCT FROM "due_at";
CREATE INDEX "outbound_message_attention" ON "outbound_message" ("state", "updated_at")
  WHERE "state" IN ('unknown', 'failed');
