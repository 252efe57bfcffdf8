-- CreateEnum
CREATE TYPE "point_kind" AS ENUM ('fixed', 'itinerant');

-- CreateEnum
CREATE TYPE "service_kind" AS ENUM ('facilitazione', 'accoglienza', 'corso');

-- CreateEnum
CREATE TYPE "service_mode" AS ENUM ('in_presenza', 'telefono', 'videochiamata', 'chat');

-- CreateEnum
CREATE TYPE "enrolment_status" AS ENUM ('enrolled', 'cancelled', 'attended', 'no_show');

-- CreateEnum
CREATE TYPE "channel" AS ENUM ('telegram', 'whatsapp', 'web');

-- CreateEnum
CREATE TYPE "facilitator_role" AS ENUM ('facilitator', 'team_lead', 'scd_volunteer');

-- CreateEnum
CREATE TYPE "booking_status" AS ENUM ('pending', 'confirmed', 'cancelled_by_citizen', 'cancelled_by_point', 'completed', 'no_show');

-- CreateEnum
CREATE TYPE "actor" AS ENUM ('citizen', 'facilitator', 'point', 'system');

-- CreateEnum
CREATE TYPE "waitlist_status" AS ENUM ('waiting', 'offered', 'booked', 'expired', 'cancelled');

-- AlterTable
ALTER TABLE "organisation" ADD COLUMN     "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- CreateTable
CREATE TABLE "point" (
    "id" UUID NOT NULL,
    "organisation_id" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "point_kind" NOT NULL,
    "description" TEXT,
    "workstations" INTEGER NOT NULL,
    "bookable_workstations" INTEGER NOT NULL,
    "phone" TEXT,
    "email" TEXT,
    "website" TEXT,
    "monitoring_id" BIGINT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "is_demo" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "point_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "site" (
    "id" UUID NOT NULL,
    "point_id" UUID NOT NULL,
    "is_main" BOOLEAN NOT NULL DEFAULT false,
    "name" TEXT NOT NULL,
    "street" TEXT NOT NULL,
    "civic" TEXT,
    "cap" CHAR(5) NOT NULL,
    "comune" TEXT NOT NULL,
    "comune_istat" CHAR(6) NOT NULL,
    "province" CHAR(2) NOT NULL,
    "lat" DOUBLE PRECISION NOT NULL,
    "lon" DOUBLE PRECISION NOT NULL,
    "notes" TEXT,

    CONSTRAINT "site_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "point_service" (
    "id" UUID NOT NULL,
    "point_id" UUID NOT NULL,
    "kind" "service_kind" NOT NULL,
    "slot_minutes" INTEGER NOT NULL,
    "modes" "service_mode"[],
    "active" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "point_service_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "opening_window" (
    "id" UUID NOT NULL,
    "point_id" UUID NOT NULL,
    "weekday" INTEGER NOT NULL,
    "shift" INTEGER NOT NULL,
    "opens_min" INTEGER NOT NULL,
    "closes_min" INTEGER NOT NULL,

    CONSTRAINT "opening_window_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "special_hours" (
    "id" UUID NOT NULL,
    "point_id" UUID NOT NULL,
    "date" DATE NOT NULL,
    "shift" INTEGER NOT NULL,
    "opens_min" INTEGER NOT NULL,
    "closes_min" INTEGER NOT NULL,

    CONSTRAINT "special_hours_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "closure" (
    "id" UUID NOT NULL,
    "point_id" UUID NOT NULL,
    "starts_on" DATE NOT NULL,
    "ends_on" DATE NOT NULL,
    "reason" TEXT NOT NULL,

    CONSTRAINT "closure_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "local_holiday" (
    "id" UUID NOT NULL,
    "point_id" UUID NOT NULL,
    "month" INTEGER NOT NULL,
    "day" INTEGER NOT NULL,
    "name" TEXT NOT NULL,

    CONSTRAINT "local_holiday_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "itinerant_visit" (
    "id" UUID NOT NULL,
    "point_id" UUID NOT NULL,
    "site_id" UUID NOT NULL,
    "date" DATE NOT NULL,
    "opens_min" INTEGER NOT NULL,
    "closes_min" INTEGER NOT NULL,

    CONSTRAINT "itinerant_visit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "course_session" (
    "id" UUID NOT NULL,
    "point_id" UUID NOT NULL,
    "site_id" UUID,
    "title" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "digcomp_area" CHAR(1) NOT NULL,
    "online" BOOLEAN NOT NULL DEFAULT false,
    "starts_at" TIMESTAMPTZ(3) NOT NULL,
    "ends_at" TIMESTAMPTZ(3) NOT NULL,
    "seats" INTEGER NOT NULL,
    "booked" INTEGER NOT NULL DEFAULT 0,
    "cancelled_at" TIMESTAMPTZ(3),

    CONSTRAINT "course_session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "course_enrolment" (
    "id" UUID NOT NULL,
    "session_id" UUID NOT NULL,
    "citizen_id" UUID NOT NULL,
    "status" "enrolment_status" NOT NULL DEFAULT 'enrolled',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "course_enrolment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "citizen" (
    "id" UUID NOT NULL,
    "preferred_language" TEXT NOT NULL DEFAULT 'it',
    "given_name" TEXT,
    "phone" TEXT,
    "fiscal_code" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "erased_at" TIMESTAMPTZ(3),

    CONSTRAINT "citizen_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "channel_identity" (
    "id" UUID NOT NULL,
    "citizen_id" UUID NOT NULL,
    "channel" "channel" NOT NULL,
    "external_id" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "channel_identity_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "consent" (
    "id" UUID NOT NULL,
    "citizen_id" UUID NOT NULL,
    "notice_version" TEXT NOT NULL,
    "channel" "channel" NOT NULL,
    "accepted_at" TIMESTAMPTZ(3) NOT NULL,
    "withdrawn_at" TIMESTAMPTZ(3),

    CONSTRAINT "consent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "facilitator" (
    "id" UUID NOT NULL,
    "display_name" TEXT NOT NULL,
    "email" TEXT,
    "monitoring_id" BIGINT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "facilitator_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "facilitator_point" (
    "facilitator_id" UUID NOT NULL,
    "point_id" UUID NOT NULL,
    "role" "facilitator_role" NOT NULL,

    CONSTRAINT "facilitator_point_pkey" PRIMARY KEY ("facilitator_id","point_id")
);

-- CreateTable
CREATE TABLE "booking" (
    "id" UUID NOT NULL,
    "citizen_id" UUID NOT NULL,
    "point_id" UUID NOT NULL,
    "site_id" UUID,
    "service" "service_kind" NOT NULL,
    "mode" "service_mode" NOT NULL,
    "starts_at" TIMESTAMPTZ(3) NOT NULL,
    "ends_at" TIMESTAMPTZ(3) NOT NULL,
    "status" "booking_status" NOT NULL,
    "competences" INTEGER[],
    "public_services" TEXT[],
    "need_note" TEXT,
    "sequence" INTEGER NOT NULL DEFAULT 0,
    "cancel_reason" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "booking_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "slot_occupancy" (
    "point_id" UUID NOT NULL,
    "unit_start" TIMESTAMPTZ(3) NOT NULL,
    "booked" INTEGER NOT NULL,
    "capacity" INTEGER NOT NULL,

    CONSTRAINT "slot_occupancy_pkey" PRIMARY KEY ("point_id","unit_start")
);

-- CreateTable
CREATE TABLE "booking_event" (
    "id" BIGSERIAL NOT NULL,
    "booking_id" UUID NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor" "actor" NOT NULL,
    "actor_id" TEXT,
    "kind" TEXT NOT NULL,
    "from_status" "booking_status",
    "to_status" "booking_status" NOT NULL,
    "details" JSONB,

    CONSTRAINT "booking_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "waitlist_entry" (
    "id" UUID NOT NULL,
    "point_id" UUID NOT NULL,
    "date" DATE NOT NULL,
    "service" "service_kind" NOT NULL,
    "citizen_id" UUID NOT NULL,
    "status" "waitlist_status" NOT NULL DEFAULT 'waiting',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "offered_at" TIMESTAMPTZ(3),
    "offer_starts_at" TIMESTAMPTZ(3),
    "offer_expires_at" TIMESTAMPTZ(3),

    CONSTRAINT "waitlist_entry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "domain_event" (
    "id" BIGSERIAL NOT NULL,
    "type" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processed_at" TIMESTAMPTZ(3),

    CONSTRAINT "domain_event_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "point_code_key" ON "point"("code");

-- CreateIndex
CREATE UNIQUE INDEX "point_monitoring_id_key" ON "point"("monitoring_id");

-- CreateIndex
CREATE INDEX "point_organisation_id_idx" ON "point"("organisation_id");

-- CreateIndex
CREATE INDEX "site_point_id_idx" ON "site"("point_id");

-- CreateIndex
CREATE UNIQUE INDEX "point_service_point_id_kind_key" ON "point_service"("point_id", "kind");

-- CreateIndex
CREATE UNIQUE INDEX "opening_window_point_id_weekday_shift_key" ON "opening_window"("point_id", "weekday", "shift");

-- CreateIndex
CREATE UNIQUE INDEX "special_hours_point_id_date_shift_key" ON "special_hours"("point_id", "date", "shift");

-- CreateIndex
CREATE INDEX "closure_point_id_starts_on_idx" ON "closure"("point_id", "starts_on");

-- CreateIndex
CREATE UNIQUE INDEX "local_holiday_point_id_month_day_key" ON "local_holiday"("point_id", "month", "day");

-- CreateIndex
CREATE INDEX "itinerant_visit_date_idx" ON "itinerant_visit"("date");

-- CreateIndex
CREATE UNIQUE INDEX "itinerant_visit_point_id_date_opens_min_key" ON "itinerant_visit"("point_id", "date", "opens_min");

-- CreateIndex
CREATE INDEX "course_session_point_id_starts_at_idx" ON "course_session"("point_id", "starts_at");

-- CreateIndex
CREATE INDEX "course_enrolment_citizen_id_idx" ON "course_enrolment"("citizen_id");

-- CreateIndex
CREATE INDEX "course_enrolment_session_id_idx" ON "course_enrolment"("session_id");

-- CreateIndex
CREATE INDEX "channel_identity_citizen_id_idx" ON "channel_identity"("citizen_id");

-- CreateIndex
CREATE UNIQUE INDEX "channel_identity_channel_external_id_key" ON "channel_identity"("channel", "external_id");

-- CreateIndex
CREATE INDEX "consent_citizen_id_idx" ON "consent"("citizen_id");

-- CreateIndex
CREATE UNIQUE INDEX "facilitator_monitoring_id_key" ON "facilitator"("monitoring_id");

-- CreateIndex
CREATE INDEX "facilitator_point_point_id_idx" ON "facilitator_point"("point_id");

-- CreateIndex
CREATE INDEX "booking_point_id_starts_at_idx" ON "booking"("point_id", "starts_at");

-- CreateIndex
CREATE INDEX "booking_citizen_id_status_idx" ON "booking"("citizen_id", "status");

-- CreateIndex
CREATE INDEX "booking_event_booking_id_at_idx" ON "booking_event"("booking_id", "at");

-- CreateIndex
CREATE INDEX "waitlist_entry_point_id_date_status_created_at_idx" ON "waitlist_entry"("point_id", "date", "status", "created_at");

-- CreateIndex
CREATE INDEX "domain_event_processed_at_id_idx" ON "domain_event"("processed_at", "id");

-- AddForeignKey
ALTER TABLE "point" ADD CONSTRAINT "point_organisation_id_fkey" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "site" ADD CONSTRAINT "site_point_id_fkey" FOREIGN KEY ("point_id") REFERENCES "point"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "point_service" ADD CONSTRAINT "point_service_point_id_fkey" FOREIGN KEY ("point_id") REFERENCES "point"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "opening_window" ADD CONSTRAINT "opening_window_point_id_fkey" FOREIGN KEY ("point_id") REFERENCES "point"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "special_hours" ADD CONSTRAINT "special_hours_point_id_fkey" FOREIGN KEY ("point_id") REFERENCES "point"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "closure" ADD CONSTRAINT "closure_point_id_fkey" FOREIGN KEY ("point_id") REFERENCES "point"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "local_holiday" ADD CONSTRAINT "local_holiday_point_id_fkey" FOREIGN KEY ("point_id") REFERENCES "point"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "itinerant_visit" ADD CONSTRAINT "itinerant_visit_point_id_fkey" FOREIGN KEY ("point_id") REFERENCES "point"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "itinerant_visit" ADD CONSTRAINT "itinerant_visit_site_id_fkey" FOREIGN KEY ("site_id") REFERENCES "site"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "course_session" ADD CONSTRAINT "course_session_point_id_fkey" FOREIGN KEY ("point_id") REFERENCES "point"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "course_session" ADD CONSTRAINT "course_session_site_id_fkey" FOREIGN KEY ("site_id") REFERENCES "site"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "course_enrolment" ADD CONSTRAINT "course_enrolment_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "course_session"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "course_enrolment" ADD CONSTRAINT "course_enrolment_citizen_id_fkey" FOREIGN KEY ("citizen_id") REFERENCES "citizen"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "channel_identity" ADD CONSTRAINT "channel_identity_citizen_id_fkey" FOREIGN KEY ("citizen_id") REFERENCES "citizen"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "consent" ADD CONSTRAINT "consent_citizen_id_fkey" FOREIGN KEY ("citizen_id") REFERENCES "citizen"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "facilitator_point" ADD CONSTRAINT "facilitator_point_facilitator_id_fkey" FOREIGN KEY ("facilitator_id") REFERENCES "facilitator"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "facilitator_point" ADD CONSTRAINT "facilitator_point_point_id_fkey" FOREIGN KEY ("point_id") REFERENCES "point"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "booking" ADD CONSTRAINT "booking_citizen_id_fkey" FOREIGN KEY ("citizen_id") REFERENCES "citizen"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "booking" ADD CONSTRAINT "booking_point_id_fkey" FOREIGN KEY ("point_id") REFERENCES "point"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "booking" ADD CONSTRAINT "booking_site_id_fkey" FOREIGN KEY ("site_id") REFERENCES "site"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "slot_occupancy" ADD CONSTRAINT "slot_occupancy_point_id_fkey" FOREIGN KEY ("point_id") REFERENCES "point"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "booking_event" ADD CONSTRAINT "booking_event_booking_id_fkey" FOREIGN KEY ("booking_id") REFERENCES "booking"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "waitlist_entry" ADD CONSTRAINT "waitlist_entry_point_id_fkey" FOREIGN KEY ("point_id") REFERENCES "point"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "waitlist_entry" ADD CONSTRAINT "waitlist_entry_citizen_id_fkey" FOREIGN KEY ("citizen_id") REFERENCES "citizen"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------------------------
-- Hand-written: rules Prisma's schema language cannot express. The database enforces them.
-- ---------------------------------------------------------------------------------------------

-- Points: at least two workstations, and the bookable ones are some of them.
ALTER TABLE "point" ADD CONSTRAINT "point_workstations_check" CHECK ("workstations" >= 2);
ALTER TABLE "point" ADD CONSTRAINT "point_bookable_workstations_check"
  CHECK ("bookable_workstations" >= 1 AND "bookable_workstations" <= "workstations");

-- One main site per point.
CREATE UNIQUE INDEX "site_one_main_per_point" ON "site" ("point_id") WHERE "is_main";
ALTER TABLE "site" ADD CONSTRAINT "site_coordinates_check"
  CHECK ("lat" BETWEEN -90 AND 90 AND "lon" BETWEEN -180 AND 180);
ALTER TABLE "site" ADD CONSTRAINT "site_cap_check" CHECK ("cap" ~ '^[0-9]{5}$');
ALTER TABLE "site" ADD CONSTRAINT "site_istat_check" CHECK ("comune_istat" ~ '^[0-9]{6}$');

-- Slots are whole 15-minute units.
ALTER TABLE "point_service" ADD CONSTRAINT "point_service_slot_minutes_check"
  CHECK ("slot_minutes" > 0 AND "slot_minutes" <= 480 AND "slot_minutes" % 15 = 0);

-- Hours: minutes from local midnight, on the 15-minute grid, opening before closing.
ALTER TABLE "opening_window" ADD CONSTRAINT "opening_window_check" CHECK (
  "weekday" BETWEEN 1 AND 7 AND "shift" IN (1, 2)
  AND "opens_min" >= 0 AND "closes_min" <= 1440 AND "opens_min" < "closes_min"
  AND "opens_min" % 15 = 0 AND "closes_min" % 15 = 0);
ALTER TABLE "special_hours" ADD CONSTRAINT "special_hours_check" CHECK (
  "shift" IN (1, 2) AND "opens_min" >= 0 AND "closes_min" <= 1440 AND "opens_min" < "closes_min"
  AND "opens_min" % 15 = 0 AND "closes_min" % 15 = 0);
ALTER TABLE "itinerant_visit" ADD CONSTRAINT "itinerant_visit_check" CHECK (
  "opens_min" >= 0 AND "closes_min" <= 1440 AND "opens_min" < "closes_min"
  AND "opens_min" % 15 = 0 AND "closes_min" % 15 = 0);
ALTER TABLE "closure" ADD CONSTRAINT "closure_range_check" CHECK ("starts_on" <= "ends_on");
ALTER TABLE "local_holiday" ADD CONSTRAINT "local_holiday_date_check"
  CHECK ("month" BETWEEN 1 AND 12 AND "day" BETWEEN 1 AND 31);

-- Courses: seats can never be overbooked.
ALTER TABLE "course_session" ADD CONSTRAINT "course_session_seats_check"
  CHECK ("seats" >= 1 AND "booked" >= 0 AND "booked" <= "seats");
ALTER TABLE "course_session" ADD CONSTRAINT "course_session_time_check" CHECK ("starts_at" < "ends_at");
ALTER TABLE "course_session" ADD CONSTRAINT "course_session_area_check" CHECK ("digcomp_area" IN ('A', 'B', 'C', 'D', 'E'));
CREATE UNIQUE INDEX "course_enrolment_one_active" ON "course_enrolment" ("session_id", "citizen_id")
  WHERE "status" = 'enrolled';

-- Capacity: PostgreSQL refuses any upsert that would book a unit beyond its capacity.
ALTER TABLE "slot_occupancy" ADD CONSTRAINT "slot_occupancy_capacity_check"
  CHECK ("booked" >= 0 AND "booked" <= "capacity");

-- Bookings: well-formed, and one citizen cannot hold two open bookings starting at the same time
-- (a double tap on "conferma" books once).
ALTER TABLE "booking" ADD CONSTRAINT "booking_time_check" CHECK ("starts_at" < "ends_at");
ALTER TABLE "booking" ADD CONSTRAINT "booking_competences_check" CHECK ("competences" <@ ARRAY[1,2,3,4,5,6,7,8,9,10,11,12,13]);
CREATE UNIQUE INDEX "booking_one_open_per_citizen_and_start" ON "booking" ("citizen_id", "starts_at")
  WHERE "status" IN ('pending', 'confirmed');

-- Waitlist: one open place per citizen, point and day.
CREATE UNIQUE INDEX "waitlist_one_open_per_citizen_day" ON "waitlist_entry" ("point_id", "date", "citizen_id")
  WHERE "status" IN ('waiting', 'offered');

-- Unprocessed outbox rows are read in order.
CREATE INDEX "domain_event_unprocessed" ON "domain_event" ("id") WHERE "processed_at" IS NULL;
