import type { MessageKey } from "./i18n.js";

/**
 * What citizens can ask help for when booking, mapped to the national monitoring platform's codes
 * (facilita-csv.md): SE5 competences (1-13) and SE6 public service domains (A-S). Facilitators
 * start their service record from these, so nobody types them twice. Topic ids are stable (other
 * flows pre-fill them); the list is asked in two levels, groups first, so no list is long.
 */
export interface Topic {
  id: string;
  label: MessageKey;
  competences: number[];
  publicServices: string[];
  /** The group it is listed under; a topic alone in its group is chosen at the first level. */
  group: TopicGroupId;
  /** Words that select it when typed, besides its label. */
  keywords: string[];
}

export type TopicGroupId = "identity" | "health" | "money" | "messages" | "truffe" | "altro";

export interface TopicGroup {
  id: TopicGroupId;
  /** Its label; a group of one topic is labelled by that topic. */
  label: MessageKey;
}

export const TOPICS: readonly Topic[] = [
  {
    id: "spid",
    label: "topic.spid",
    competences: [9],
    publicServices: [],
    group: "identity",
    keywords: ["spid", "cie", "carta d identita", "identita digitale", "identity card"],
  },
  {
    id: "io",
    label: "topic.io",
    competences: [6],
    publicServices: ["A"],
    group: "identity",
    keywords: ["io", "app io"],
  },
  {
    id: "fse",
    label: "topic.fse",
    competences: [6],
    publicServices: ["D"],
    group: "health",
    keywords: ["fascicolo", "ricetta", "ricette", "referto", "referti", "health record", "prescription"],
  },
  {
    id: "cup",
    label: "topic.cup",
    competences: [6],
    publicServices: ["M"],
    group: "health",
    keywords: ["cup", "visita", "visite", "medico", "esami", "doctor"],
  },
  {
    id: "pagopa",
    label: "topic.pagopa",
    competences: [6],
    publicServices: ["B"],
    group: "money",
    keywords: ["pagopa", "pagare", "pagamento", "bollettino", "multa", "pay", "payment"],
  },
  {
    id: "certificati",
    label: "topic.certificati",
    competences: [6],
    publicServices: ["C"],
    group: "money",
    keywords: ["certificato", "certificati", "anagrafe", "certificate"],
  },
  {
    id: "inps",
    label: "topic.inps",
    competences: [6],
    publicServices: ["L"],
    group: "money",
    keywords: ["inps", "pensione", "isee", "pension"],
  },
  {
    id: "email",
    label: "topic.email",
    competences: [5],
    publicServices: [],
    group: "messages",
    keywords: ["email", "mail", "posta", "pec"],
  },
  {
    id: "videocall",
    label: "topic.videocall",
    competences: [4],
    publicServices: [],
    group: "messages",
    keywords: ["videochiamata", "whatsapp", "messaggi", "video call", "video"],
  },
  {
    id: "truffe",
    label: "topic.truffe",
    competences: [11, 12],
    publicServices: [],
    group: "truffe",
    keywords: ["truffa", "truffe", "phishing", "scam", "scams", "sicurezza"],
  },
  {
    id: "altro",
    label: "topic.altro",
    competences: [],
    publicServices: [],
    group: "altro",
    keywords: ["altro", "other"],
  },
];

export const TOPIC_GROUPS: readonly TopicGroup[] = [
  { id: "identity", label: "topic.group.identity" },
  { id: "health", label: "topic.group.health" },
  { id: "money", label: "topic.group.money" },
  { id: "messages", label: "topic.group.messages" },
  { id: "truffe", label: "topic.truffe" },
  { id: "altro", label: "topic.altro" },
];

export function topicById(id: string | undefined): Topic | undefined {
  return TOPICS.find((topic) => topic.id === id);
}

export function topicsOf(group: string | undefined): Topic[] {
  return TOPICS.filter((topic) => topic.group === group);
}
