-- CreateEnum
CREATE TYPE "profile_state" AS ENUM ('in_progress', 'completed', 'skipped', 'erased');

-- CreateEnum
CREATE TYPE "profile_filler" AS ENUM ('citizen', 'facilitator');

-- AlterTable
ALTER TABLE "point" ADD COLUMN     "platform_name" TEXT;

-- AlterTable
ALTER TABLE "service_record" ADD COLUMN     "export_batch_id" UUID,
ADD COLUMN     "exported_at" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "monitoring_profile" (
    "citizen_id" UUID NOT NULL,
    "fiscal_code_sealed" TEXT,
    "fiscal_code_key_id" TEXT,
    "fiscal_code_hash" TEXT,
    "document_type" TEXT,
    "document_number_sealed" TEXT,
    "document_key_id" TEXT,
    "document_hash" TEXT,
    "no_fiscal_code" BOOLEAN NOT NULL DEFAULT false,
    "gender" TEXT,
    "age_band" TEXT,
    "education" TEXT,
    "employment" TEXT,
    "citizenship" TEXT,
    "province" TEXT,
    "first_time" BOOLEAN,
    "previous_services" TEXT[],
    "heard_from" TEXT[],
    "reasons" TEXT[],
    "interests" TEXT,
    "problem_solving" TEXT[],
    "state" "profile_state" NOT NULL DEFAULT 'in_progress',
    "filled_by" "profile_filler" NOT NULL,
    "facilitator_id" UUID,
    "is_demo" BOOLEAN NOT NULL DEFAULT false,
    "completed_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "monitoring_profile_pkey" PRIMARY KEY ("citizen_id")
);

-- CreateTable
CREATE TABLE "point_target" (
    "point_id" UUID NOT NULL,
    "target" INTEGER,
    "start" DATE NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "point_target_pkey" PRIMARY KEY ("point_id")
);

-- CreateTable
CREATE TABLE "point_milestone" (
    "id" UUID NOT NULL,
    "point_id" UUID NOT NULL,
    "by" DATE NOT NULL,
    "citizens" INTEGER NOT NULL,

    CONSTRAINT "point_milestone_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "monitoring_profile_fiscal_code_hash_idx" ON "monitoring_profile"("fiscal_code_hash");

-- CreateIndex
CREATE INDEX "monitoring_profile_document_hash_idx" ON "monitoring_profile"("document_hash");

-- CreateIndex
CREATE UNIQUE INDEX "point_milestone_point_id_by_key" ON "point_milestone"("point_id", "by");

-- CreateIndex
CREATE INDEX "service_record_export_batch_id_idx" ON "service_record"("export_batch_id");

-- AddForeignKey
ALTER TABLE "monitoring_profile" ADD CONSTRAINT "monitoring_profile_citizen_id_fkey" FOREIGN KEY ("citizen_id") REFERENCES "citizen"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "point_target" ADD CONSTRAINT "point_target_point_id_fkey" FOREIGN KEY ("point_id") REFERENCES "point"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "point_milestone" ADD CONSTRAINT "point_milestone_point_id_fkey" FOREIGN KEY ("point_id") REFERENCES "point"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written: the rules PostgreSQL keeps whatever writes the row
ALTER TABLE "monitoring_profile" ADD CONSTRAINT "monitoring_profile_fiscal_code_check" CHECK (
  ("fiscal_code_sealed" IS NULL) = ("fiscal_code_key_id" IS NULL)
  AND ("fiscal_code_sealed" IS NULL OR "fiscal_code_sealed" LIKE 'v1.%')
);
ALTER TABLE "monitoring_profile" ADD CONSTRAINT "monitoring_profile_document_check" CHECK (
  ("document_number_sealed" IS NULL) = ("document_key_id" IS NULL)
  AND ("document_number_sealed" IS NULL OR ("document_type" IS NOT NULL AND "document_number_sealed" LIKE 'v1.%'))
  AND ("document_number_sealed" IS NULL OR "fiscal_code_sealed" IS NULL)
);
ALTER TABLE "monitoring_profile" ADD CONSTRAINT "monitoring_profile_erased_check" CHECK (
  "state" <> 'erased' OR ("fiscal_code_sealed" IS NULL AND "document_number_sealed" IS NULL AND "document_hash" IS NULL
    AND "gender" IS NULL AND "education" IS NULL AND "province" IS NULL)
);
ALTER TABLE "point_target" ADD CONSTRAINT "point_target_target_check" CHECK ("target" IS NULL OR "target" > 0);
ALTER TABLE "point_milestone" ADD CONSTRAINT "point_milestone_citizens_check" CHECK ("citizens" > 0);
ALTER TABLE "service_record" ADD CONSTRAINT "service_record_exported_check" CHECK (("exported_at" IS NULL) = ("export_batch_id" IS NULL));
