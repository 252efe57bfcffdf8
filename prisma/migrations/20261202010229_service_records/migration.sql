-- CreateEnum
CREATE TYPE "programme" AS ENUM ('RFD', 'SCD');

-- CreateEnum
CREATE TYPE "service_source_kind" AS ENUM ('booking', 'walk_in', 'course');

-- CreateTable
CREATE TABLE "service_record" (
    "id" UUID NOT NULL,
    "source_key" TEXT NOT NULL,
    "source_kind" "service_source_kind" NOT NULL,
    "booking_id" UUID,
    "course_session_id" UUID,
    "citizen_id" UUID NOT NULL,
    "point_id" UUID NOT NULL,
    "site_id" UUID,
    "facilitator_id" UUID NOT NULL,
    "programme" "programme" NOT NULL,
    "service_date" DATE NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "duration_minutes" INTEGER NOT NULL,
    "service_types" TEXT[],
    "areas" TEXT[],
    "competences" INTEGER[],
    "public_services" TEXT[],
    "description" TEXT,
    "rating" INTEGER,
    "would_return" TEXT[],
    "rated_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "service_record_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "service_record_source_key_key" ON "service_record"("source_key");

-- CreateIndex
CREATE UNIQUE INDEX "service_record_booking_id_key" ON "service_record"("booking_id");

-- CreateIndex
CREATE INDEX "service_record_point_id_service_date_idx" ON "service_record"("point_id", "service_date");

-- CreateIndex
CREATE INDEX "service_record_service_date_idx" ON "service_record"("service_date");

-- CreateIndex
CREATE INDEX "service_record_citizen_id_idx" ON "service_record"("citizen_id");

-- CreateIndex
CREATE INDEX "service_record_course_session_id_idx" ON "service_record"("course_session_id");

-- CreateIndex
CREATE INDEX "service_record_facilitator_id_service_date_idx" ON "service_record"("facilitator_id", "service_date");

-- AddForeignKey
ALTER TABLE "service_record" ADD CONSTRAINT "service_record_booking_id_fkey" FOREIGN KEY ("booking_id") REFERENCES "booking"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "service_record" ADD CONSTRAINT "service_record_course_session_id_fkey" FOREIGN KEY ("course_session_id") REFERENCES "course_session"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "service_record" ADD CONSTRAINT "service_record_citizen_id_fkey" FOREIGN KEY ("citizen_id") REFERENCES "citizen"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "service_record" ADD CONSTRAINT "service_record_point_id_fkey" FOREIGN KEY ("point_id") REFERENCES "point"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "service_record" ADD CONSTRAINT "service_record_site_id_fkey" FOREIGN KEY ("site_id") REFERENCES "site"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "service_record" ADD CONSTRAINT "service_record_facilitator_id_fkey" FOREIGN KEY ("facilitator_id") REFERENCES "facilitator"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Hand-written: the rules PostgreSQL keeps whatever writes the row
ALTER TABLE "service_record" ADD CONSTRAINT "service_record_duration_check" CHECK ("duration_minutes" BETWEEN 1 AND 5999);
ALTER TABLE "service_record" ADD CONSTRAINT "service_record_rating_check" CHECK ("rating" IS NULL OR "rating" BETWEEN 1 AND 5);
ALTER TABLE "service_record" ADD CONSTRAINT "service_record_service_types_check" CHECK (cardinality("service_types") >= 1);
ALTER TABLE "service_record" ADD CONSTRAINT "service_record_description_check" CHECK ("description" IS NULL OR char_length("description") <= 600);
ALTER TABLE "service_record" ADD CONSTRAINT "service_record_source_check" CHECK (
  ("source_kind" = 'booking' AND "booking_id" IS NOT NULL AND "source_key" = 'booking:' || "booking_id"::text)
  OR ("source_kind" = 'course' AND "course_session_id" IS NOT NULL AND "booking_id" IS NULL
      AND "source_key" = 'course:' || "course_session_id"::text || ':' || "citizen_id"::text)
  OR ("source_kind" = 'walk_in' AND "booking_id" IS NULL AND "course_session_id" IS NULL AND "source_key" LIKE 'walk_in:%')
);
