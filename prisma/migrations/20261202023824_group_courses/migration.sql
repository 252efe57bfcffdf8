-- CreateEnum
CREATE TYPE "course_level" AS ENUM ('base', 'intermedio', 'avanzato');

-- CreateEnum
CREATE TYPE "course_format" AS ENUM ('group_facilitation', 'training');

-- AlterTable
ALTER TABLE "course_session" ADD COLUMN     "attendance_by" UUID,
ADD COLUMN     "attendance_recorded_at" TIMESTAMPTZ(3),
ADD COLUMN     "course_id" UUID,
ADD COLUMN     "number" INTEGER,
ADD COLUMN     "sequence" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "course" (
    "id" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "point_id" UUID NOT NULL,
    "site_id" UUID,
    "title" TEXT NOT NULL,
    "description" TEXT,
    "level" "course_level" NOT NULL,
    "format" "course_format" NOT NULL,
    "areas" TEXT[],
    "competences" INTEGER[],
    "online" BOOLEAN NOT NULL DEFAULT false,
    "join_info" TEXT,
    "facilitator_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "course_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "course_waitlist_entry" (
    "id" UUID NOT NULL,
    "session_id" UUID NOT NULL,
    "citizen_id" UUID NOT NULL,
    "status" "waitlist_status" NOT NULL DEFAULT 'waiting',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "offered_at" TIMESTAMPTZ(3),
    "offer_expires_at" TIMESTAMPTZ(3),

    CONSTRAINT "course_waitlist_entry_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "course_code_key" ON "course"("code");

-- CreateIndex
CREATE INDEX "course_point_id_idx" ON "course"("point_id");

-- CreateIndex
CREATE INDEX "course_waitlist_entry_session_id_status_created_at_idx" ON "course_waitlist_entry"("session_id", "status", "created_at");

-- CreateIndex
CREATE INDEX "course_waitlist_entry_citizen_id_idx" ON "course_waitlist_entry"("citizen_id");

-- CreateIndex
CREATE INDEX "course_session_starts_at_idx" ON "course_session"("starts_at");

-- CreateIndex
CREATE UNIQUE INDEX "course_session_course_id_number_key" ON "course_session"("course_id", "number");

-- AddForeignKey
ALTER TABLE "course" ADD CONSTRAINT "course_point_id_fkey" FOREIGN KEY ("point_id") REFERENCES "point"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "course" ADD CONSTRAINT "course_site_id_fkey" FOREIGN KEY ("site_id") REFERENCES "site"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "course" ADD CONSTRAINT "course_facilitator_id_fkey" FOREIGN KEY ("facilitator_id") REFERENCES "facilitator"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "course_session" ADD CONSTRAINT "course_session_course_id_fkey" FOREIGN KEY ("course_id") REFERENCES "course"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "course_waitlist_entry" ADD CONSTRAINT "course_waitlist_entry_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "course_session"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "course_waitlist_entry" ADD CONSTRAINT "course_waitlist_entry_citizen_id_fkey" FOREIGN KEY ("citizen_id") REFERENCES "citizen"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Courses: codes as the monitoring platform knows them, and at least one of each.
ALTER TABLE "course" ADD CONSTRAINT "course_areas_check"
  CHECK (cardinality("areas") >= 1 AND "areas" <@ ARRAY['A','B','C','D','E']::text[]);
ALTER TABLE "course" ADD CONSTRAINT "course_competences_check"
  CHECK ("competences" <@ ARRAY[1,2,3,4,5,6,7,8,9,10,11,12,13]);
ALTER TABLE "course_session" ADD CONSTRAINT "course_session_number_check" CHECK ("number" IS NULL OR "number" >= 1);
-- One open place in line per citizen and session.
CREATE UNIQUE INDEX "course_waitlist_one_open" ON "course_waitlist_entry" ("session_id", "citizen_id")
  WHERE "status" IN ('waiting', 'offered');
