-- CreateTable
CREATE TABLE "assessment" (
    "id" UUID NOT NULL,
    "citizen_id" UUID NOT NULL,
    "bank_version" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "taken_on" DATE NOT NULL,
    "completed_at" TIMESTAMPTZ(3) NOT NULL,
    "answers" JSONB NOT NULL,
    "result" JSONB NOT NULL,
    "overall_pct" INTEGER NOT NULL,
    "weakest_competences" INTEGER[],

    CONSTRAINT "assessment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "assessment_citizen_id_completed_at_idx" ON "assessment"("citizen_id", "completed_at");

-- CreateIndex
CREATE UNIQUE INDEX "assessment_citizen_id_taken_on_key" ON "assessment"("citizen_id", "taken_on");

-- AddForeignKey
ALTER TABLE "assessment" ADD CONSTRAINT "assessment_citizen_id_fkey" FOREIGN KEY ("citizen_id") REFERENCES "citizen"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written: what Prisma cannot express.
ALTER TABLE "assessment" ADD CONSTRAINT "assessment_overall_pct_check" CHECK ("overall_pct" BETWEEN 0 AND 100);
ALTER TABLE "assessment" ADD CONSTRAINT "assessment_answers_check" CHECK (jsonb_typeof("answers") = 'array');
ALTER TABLE "assessment" ADD CONSTRAINT "assessment_weakest_check" CHECK ("weakest_competences" <@ ARRAY[1,2,3,4,5,6,7,8,9,10,11,12,13]);
