import type { Repositories, Transactor } from "../../../core/ports.js";
import type { Db } from "../prisma-client.js";
import { prismaAssessmentRepository } from "./assessment-repository.js";
import { prismaBookingRepository } from "./booking-repository.js";
import { prismaCitizenRepository } from "./citizen-repository.js";
import { prismaCourseRepository } from "./course-repository.js";
import { prismaFacilitatorRepository } from "./facilitator-repository.js";
import { prismaMonitoringProfileRepository } from "./monitoring-profile-repository.js";
import { prismaMonitoringRepository } from "./monitoring-repository.js";
import { prismaOutboundMessageRepository } from "./outbound-message-repository.js";
import { prismaOutbox } from "./outbox.js";
import { PG, pgErrorCode } from "./pg-error.js";
import { prismaPointRepository } from "./point-repository.js";
import type { DbClient } from "./prisma-types.js";
import { prismaServiceRecordRepository } from "./service-record-repository.js";

export function prismaRepositories(db: DbClient): Repositories {
  return {
    points: prismaPointRepository(db),
    bookings: prismaBookingRepository(db),
    citizens: prismaCitizenRepository(db),
    waitlist: prismaWaitlistRepository(db),
    courses: prismaCourseRepository(db),
    outbox: prismaOutbox(db),
    messages: prismaOutboundMessageRepository(db),
    assessments: prismaAssessmentRepository(db),
    serviceRecords: prismaServiceRecordRepository(db),
    facilitators: prismaFacilitatorRepository(db),
    monitoringProfiles: prismaMonitoringProfileRepository(db),
    monitoring: prismaMonitoringRepository(db),
  };
}

import { prismaWaitlistRepository } from "./waitlist-repository.js";

const RETRYABLE = new Set<string>([PG.deadlockDetected, PG.serializationFailure]);
const MAX_ATTEMPTS = 4;

/**
 * Interactive Prisma transactions with repositories bound to them. A deadlock or serialization
 * failure rolls everything back and the work runs again from the start.
 */
export function prismaTransactor(db: Db): Transactor {
  return {
    async transaction(work) {
      for (let attempt = 1; ; attempt++) {
        try {
          return await db.$transaction((tx) => work(prismaRepositories(tx)), { maxWait: 10_000, timeout: 20_000 });
        } catch (error) {
          const code = pgErrorCode(error);
          if (!code || !RETRYABLE.has(code) || attempt >= MAX_ATTEMPTS) throw error;
          await new Promise((resolve) => setTimeout(resolve, 5 * attempt + Math.random() * 20));
        }
      }
    },
  };
}
