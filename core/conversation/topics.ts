import type { MessageKey } from "./i18n.js";

/**
 * What citizens can ask help for when booking, mapped to the national monitoring platform's codes
 * (facilita-csv.md): SE5 competences (1-13) and SE6 public service domains (A-S). Facilitators
 * start their service record from these, so nobody types them twice.
 */
export interface Topic {
  id: string;
  label: MessageKey;
  competences: number[];
  publicServices: string[];
}

export const TOPICS: readonly Topic[] = [
  { id: "spid", label: "topic.spid", competences: [9], publicServices: [] },
  { id: "io", label: "topic.io", competences: [6], publicServices: ["A"] },
  { id: "fse", label: "topic.fse", competences: [6], publicServices: ["D"] },
  { id: "cup", label: "topic.cup", competences: [6], publicServices: ["M"] },
  { id: "pagopa", label: "topic.pagopa", competences: [6], publicServices: ["B"] },
  { id: "certificati", label: "topic.certificati", competences: [6], publicServices: ["C"] },
  { id: "inps", label: "topic.inps", competences: [6], publicServices: ["L"] },
  { id: "email", label: "topic.email", competences: [5], publicServices: [] },
  { id: "videocall", label: "topic.videocall", competences: [4], publicServices: [] },
  { id: "truffe", label: "topic.truffe", competences: [11, 12], publicServices: [] },
  { id: "altro", label: "topic.altro", competences: [], publicServices: [] },
];

export function topicById(id: string | undefined): Topic | undefined {
  return TOPICS.find((topic) => topic.id === id);
}
