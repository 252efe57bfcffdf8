/**
 * Every coded field of the national platform's file (facilita-csv.md), as data: the codes it
 * accepts, the platform's own wording (release 1.59.0, `ResponseCodeMappings.ts` of its front end),
 * and plain words for a chat with citizens: a button label of at most 20 characters (WhatsApp's
 * limit, read aloud by screen readers) and, where the label alone could mislead, a longer
 * description. Italian first, English second.
 *
 * AN4 and PR1 are yes/no flags written "SI"/"NO" (AN4 as the platform documents it; PR1 the same
 * way, since the platform reads it as a flag and ignores it on upload).
 */

export interface Words {
  it: string;
  en: string;
}

export interface AnswerOption {
  code: string;
  /** Button text: at most 20 characters, no jargon. */
  label: Words;
  /** Fuller words where the label is short or the platform's term is technical. */
  description?: Words;
  /** The platform's own wording, for coordinators and the README. */
  platform: string;
}

export type CodedFieldName =
  | "AN4"
  | "AN5"
  | "AN7"
  | "AN8"
  | "AN9"
  | "AN10"
  | "AN11"
  | "PR1"
  | "PR2"
  | "SE3"
  | "SE4"
  | "SE5"
  | "SE6"
  | "ES1"
  | "ES2"
  | "ES3"
  | "ES5"
  | "ES6";

export interface CodedField {
  field: CodedFieldName;
  /** Several codes allowed, joined with ":" and no spaces. */
  multi: boolean;
  /** The question, one short sentence, as the chat would ask it. */
  question: Words;
  options: readonly AnswerOption[];
}

const o = (code: string, it: string, en: string, platform: string, description?: Words): AnswerOption =>
  description ? { code, label: { it, en }, description, platform } : { code, label: { it, en }, platform };
const d = (it: string, en: string): Words => ({ it, en });

const SERVICE_TYPES: readonly AnswerOption[] = [
  o(
    "A",
    "Aiuto personale",
    "One-to-one help",
    "Facilitazione individuale",
    d("Un facilitatore aiuta solo te", "A facilitator helps you alone"),
  ),
  o(
    "B",
    "Aiuto in gruppo",
    "Group help",
    "Facilitazione di gruppo",
    d("Un facilitatore aiuta un piccolo gruppo", "A facilitator helps a small group"),
  ),
  o("C", "Corso in presenza", "In-person course", "Formazione in presenza"),
  o("D", "Corso online", "Online course", "Formazione online"),
  o("E", "Altro", "Other", "Altro"),
];

const YES_NO_NOT_AVAILABLE: readonly AnswerOption[] = [
  o("NO", "Sì, ce l'ho", "Yes, I have it", "NO (codice fiscale disponibile)"),
  o("SI", "Non ce l'ho", "I don't have one", "SI (codice fiscale non disponibile)"),
];

export const CODED_FIELDS: Readonly<Record<CodedFieldName, CodedField>> = {
  AN4: {
    field: "AN4",
    multi: false,
    question: d("Hai un codice fiscale?", "Do you have an Italian tax code (codice fiscale)?"),
    options: YES_NO_NOT_AVAILABLE,
  },
  AN5: {
    field: "AN5",
    multi: false,
    question: d("Che documento hai?", "Which ID document do you have?"),
    options: [
      o("A", "Carta d'identità", "Identity card", "Carta di Identità"),
      o("B", "Patente", "Driving licence", "Patente", d("Patente di guida", "Driving licence")),
      o("C", "Passaporto", "Passport", "Passaporto"),
      o(
        "D",
        "Permesso soggiorno",
        "Residence permit",
        "Permesso di soggiorno",
        d("Permesso di soggiorno", "Residence permit"),
      ),
      o("E", "Altro documento", "Other document", "Altro"),
    ],
  },
  AN7: {
    field: "AN7",
    multi: false,
    question: d("Come ti descrivi?", "How do you describe yourself?"),
    options: [
      o("A", "Donna", "Woman", "F"),
      o("B", "Uomo", "Man", "M"),
      o("C", "Non binario", "Non-binary", "Non binario"),
      o("D", "Preferisco non dire", "Prefer not to say", "Preferisco non rispondere"),
    ],
  },
  AN8: {
    field: "AN8",
    multi: false,
    question: d("Quanti anni hai?", "How old are you?"),
    options: [
      o("A", "18-29 anni", "18-29 years", "18-29"),
      o("B", "30-54 anni", "30-54 years", "30-54"),
      o("C", "55-74 anni", "55-74 years", "55-74"),
      o("D", "75 anni o più", "75 or older", "75+"),
      o(
        "E",
        "14-17 anni",
        "14-17 years",
        "14-17 (solo dove i minori sono ammessi)",
        d("Solo dove il programma accoglie i minori", "Only where the programme accepts minors"),
      ),
    ],
  },
  AN9: {
    field: "AN9",
    multi: false,
    question: d("Qual è la scuola più alta che hai finito?", "What is the highest level of school you finished?"),
    options: [
      o(
        "A",
        "Elementari",
        "Primary school",
        "Licenza elementare",
        d("Licenza elementare", "Primary school certificate"),
      ),
      o("B", "Medie", "Middle school", "Licenza media", d("Licenza media", "Middle school certificate")),
      o("C", "Diploma superiore", "High school diploma", "Diploma di scuola superiore"),
      o(
        "D",
        "Post-diploma",
        "Post-secondary",
        "Istruzione post secondaria non terziaria",
        d("Corso dopo il diploma, non universitario", "A course after high school, not university"),
      ),
      o(
        "E",
        "Scuola professionale",
        "Vocational diploma",
        "Diploma di qualifica professionale",
        d("Diploma di qualifica professionale", "Vocational qualification"),
      ),
      o(
        "F",
        "IFTS",
        "IFTS",
        "Certificato di specializzazione tecnica superiore (IFTS)",
        d("Specializzazione tecnica superiore", "Higher technical specialisation"),
      ),
      o(
        "G",
        "ITS",
        "ITS",
        "Diploma di tecnico superiore (ITS)",
        d("Diploma di tecnico superiore (ITS Academy)", "Higher technician diploma (ITS Academy)"),
      ),
      o(
        "H",
        "Laurea triennale",
        "Bachelor's degree",
        "Laurea a ciclo breve / diploma universitario",
        d("Laurea breve o diploma universitario", "Short degree or university diploma"),
      ),
      o(
        "I",
        "Laurea magistrale",
        "Master's degree",
        "Laurea specialistica / magistrale / vecchio ordinamento o livello equivalente",
        d("Laurea magistrale, specialistica o vecchio ordinamento", "Master's or old-system degree"),
      ),
      o(
        "J",
        "Master",
        "University master",
        "Master o livello equivalente",
        d("Master universitario", "University master"),
      ),
      o("K", "Dottorato", "Doctorate (PhD)", "Dottorato o livello equivalente"),
      o(
        "L",
        "Altro / non so",
        "Other / don't know",
        "Non conosciuto / non fornito / altro",
        d("Altro, non lo so o preferisco non dire", "Other, I don't know or prefer not to say"),
      ),
    ],
  },
  AN10: {
    field: "AN10",
    multi: false,
    question: d("Di cosa ti occupi?", "What do you do for a living?"),
    options: [
      o("A", "Dipendente", "Employee", "Dipendente"),
      o("B", "Imprenditore/trice", "Business owner", "Imprenditore"),
      o(
        "C",
        "Lavoro autonomo",
        "Self-employed",
        "Libero professionista",
        d("Libero professionista", "Freelance professional"),
      ),
      o("D", "Senza lavoro", "Not working", "Non occupato", d("Non occupato/a", "Not in work")),
      o(
        "E",
        "Studente/ssa",
        "Student",
        "Studente o studentessa / in formazione",
        d("Studente o in formazione", "Student or in training"),
      ),
      o("F", "Casalinga/o", "Homemaker", "Casalinga/o"),
      o("G", "In pensione", "Retired", "Persona ritirata dal lavoro / pensionato/a"),
      o("H", "Altro", "Other", "Altro"),
    ],
  },
  AN11: {
    field: "AN11",
    multi: false,
    question: d("Qual è la tua cittadinanza?", "What is your citizenship?"),
    options: [
      o("A", "Italiana", "Italian", "Italiana"),
      o(
        "B",
        "Di un Paese UE",
        "EU country",
        "Straniera, di un Paese ALL'INTERNO dell'Unione Europea",
        d("Di un altro Paese dell'Unione Europea", "Another European Union country"),
      ),
      o(
        "C",
        "Di un Paese non UE",
        "Non-EU country",
        "Straniera, di un Paese AL DI FUORI dell'Unione Europea",
        d("Di un Paese fuori dall'Unione Europea", "A country outside the European Union"),
      ),
    ],
  },
  PR1: {
    field: "PR1",
    multi: false,
    question: d("È la prima volta che vieni a un punto digitale?", "Is this your first time at a digital help point?"),
    options: [
      o("SI", "Sì, la prima volta", "Yes, first time", "SI"),
      o("NO", "No, già venuto/a", "No, been before", "NO"),
    ],
  },
  PR2: {
    field: "PR2",
    multi: true,
    question: d(
      "Cosa hai già usato? Puoi sceglierne più di uno.",
      "What have you used before? You can pick more than one.",
    ),
    options: SERVICE_TYPES,
  },
  SE3: {
    field: "SE3",
    multi: true,
    question: d("Che tipo di servizio è stato?", "What kind of service was it?"),
    options: SERVICE_TYPES,
  },
  SE4: {
    field: "SE4",
    multi: true,
    question: d("Di quale area si è parlato?", "Which area did it cover?"),
    options: [
      o(
        "A",
        "Informazioni e dati",
        "Information & data",
        "Alfabetizzazione su informazioni e dati",
        d("Cercare, valutare e gestire informazioni", "Finding, judging and managing information"),
      ),
      o(
        "B",
        "Comunicare",
        "Communication",
        "Comunicazione e collaborazione",
        d("Comunicare e collaborare", "Communicating and working together"),
      ),
      o("C", "Creare contenuti", "Creating content", "Creazione di contenuti digitali"),
      o("D", "Sicurezza", "Safety", "Sicurezza", d("Sicurezza e privacy", "Safety and privacy")),
      o(
        "E",
        "Risolvere problemi",
        "Problem solving",
        "Risolvere i problemi tecnici (es.: software e hardware)",
        d("Risolvere problemi tecnici", "Solving technical problems"),
      ),
    ],
  },
  SE5: {
    field: "SE5",
    multi: true,
    question: d(
      "Su cosa hai aiutato? Puoi sceglierne più di uno.",
      "What did you help with? You can pick more than one.",
    ),
    options: [
      o(
        "1",
        "Cercare online",
        "Searching online",
        "Navigare, ricercare e filtrare dati, informazioni e contenuti digitali",
        d("Cercare e filtrare informazioni: siti, notizie, video", "Finding information: websites, news, videos"),
      ),
      o(
        "2",
        "Notizie false",
        "Spotting fake news",
        "Valutare dati, informazioni e contenuti digitali (es.: riconoscere le fake news)",
        d("Capire se un'informazione è affidabile", "Telling whether information is reliable"),
      ),
      o(
        "3",
        "File e documenti",
        "Files and data",
        "Gestire dati, informazioni e contenuti digitali",
        d("Organizzare file, scaricare contenuti", "Organising files, downloading content"),
      ),
      o(
        "4",
        "Messaggi e chiamate",
        "Messages and calls",
        "Interagire attraverso le tecnologie digitali",
        d("Messaggi, chiamate e videochiamate via internet", "Messages, calls and video calls over the internet"),
      ),
      o(
        "5",
        "PEC e condivisione",
        "PEC and sharing",
        "Condividere informazioni attraverso le tecnologie digitali (es.: usare la PEC, comunicare il domicilio digitale)",
        d("Condividere informazioni: PEC, domicilio digitale", "Sharing information: certified email, digital address"),
      ),
      o(
        "6",
        "Servizi online",
        "Online services",
        "Esercitare la cittadinanza attraverso le tecnologie digitali",
        d(
          "Servizi pubblici online, acquisti, banca e pagamenti",
          "Public services online, shopping, banking and payments",
        ),
      ),
      o("7", "Collaborare online", "Working together", "Collaborare attraverso le tecnologie digitali"),
      o(
        "8",
        "Buone maniere online",
        "Online manners",
        "Conoscere le regole di comportamento per il reciproco rispetto online (netiquette)",
        d("Le regole del rispetto online", "The rules of respect online"),
      ),
      o(
        "9",
        "SPID, CIE, CNS",
        "SPID, CIE, CNS",
        "Gestire l'identità digitale (es.: richiedere e usare SPID, CNS e CIE e identificativi social)",
        d(
          "Identità digitale: SPID, carta d'identità elettronica, CNS",
          "Digital identity: SPID, electronic ID card, CNS",
        ),
      ),
      o("10", "Creare contenuti", "Creating content", "Creazione di contenuti digitali"),
      o(
        "11",
        "Password e truffe",
        "Passwords and scams",
        "Proteggere i dispositivi (es.: impostare e gestire password, riconoscere ed evitare i messaggi di phishing)",
        d("Proteggere i dispositivi: password, messaggi truffa", "Protecting devices: passwords, scam messages"),
      ),
      o(
        "12",
        "Privacy e dati",
        "Privacy and data",
        "Proteggere i dati personali e la privacy",
        d("Proteggere i dati personali e la privacy", "Protecting personal data and privacy"),
      ),
      o(
        "13",
        "Problemi tecnici",
        "Technical problems",
        "Risolvere i problemi tecnici (es.: software e hardware)",
        d("Problemi di computer, telefono, programmi", "Problems with computers, phones, programs"),
      ),
    ],
  },
  SE6: {
    field: "SE6",
    multi: true,
    question: d(
      "Per quale servizio pubblico? Puoi sceglierne più di uno.",
      "Which public service? You can pick more than one.",
    ),
    options: [
      o("A", "App IO", "IO app", "App IO"),
      o(
        "B",
        "pagoPA",
        "pagoPA",
        "Sistemi di pagamenti elettronici (pagoPA)",
        d("Pagamenti alla pubblica amministrazione", "Payments to public offices"),
      ),
      o(
        "C",
        "Certificati (ANPR)",
        "Certificates (ANPR)",
        "Servizi anagrafici tramite ANPR (es. richiedere certificati)",
        d("Anagrafe: certificati e dati personali", "Registry office: certificates and records"),
      ),
      o("D", "Fascicolo sanitario", "Health record", "Fascicolo sanitario elettronico"),
      o("E", "Fattura elettronica", "E-invoicing", "Fatturazione elettronica"),
      o(
        "F",
        "Cultura e turismo",
        "Culture and tourism",
        "Cultura e turismo",
        d("Biblioteche, musei, spettacoli, turismo", "Libraries, museums, shows, tourism"),
      ),
      o(
        "G",
        "Scuola",
        "School",
        "Istruzione",
        d("Iscrizioni, mensa, registro elettronico", "Enrolment, school meals, online register"),
      ),
      o(
        "H",
        "Studi e corsi",
        "Studies and courses",
        "Formazione",
        d("Università e corsi per adulti", "University and adult courses"),
      ),
      o("I", "Sport", "Sport", "Sport", d("Prenotare impianti sportivi", "Booking sports facilities")),
      o(
        "J",
        "Lavoro",
        "Jobs",
        "Servizi di sostegno all'occupazione",
        d("Centro per l'impiego, cercare lavoro", "Job centre, looking for work"),
      ),
      o(
        "K",
        "Commercio e impresa",
        "Business",
        "Commercio e impresa",
        d("Sportello unico per le attività produttive", "One-stop shop for businesses"),
      ),
      o(
        "L",
        "INPS e assistenza",
        "Benefits and INPS",
        "Servizi previdenziali e assistenziali",
        d("Pensioni, sussidi (INPS), servizi per l'immigrazione", "Pensions, benefits (INPS), immigration services"),
      ),
      o(
        "M",
        "Sanità: CUP, medico",
        "Health: CUP, doctor",
        "Servizi sanitari diversi da FSE",
        d("Prenotare visite (CUP), medico di famiglia, referti", "Booking visits (CUP), family doctor, test results"),
      ),
      o(
        "N",
        "Tasse e 730",
        "Tax returns",
        "Adempimenti fiscali",
        d("Dichiarazione dei redditi precompilata", "Pre-filled tax return"),
      ),
      o(
        "O",
        "Tributi e multe",
        "Local taxes, fines",
        "Servizi tributari e contravvenzioni",
        d("IMU, TARI, multe", "Property and waste taxes, fines"),
      ),
      o(
        "P",
        "Casa ed edilizia",
        "Building permits",
        "Urbanistica ed edilizia",
        d("Pratiche edilizie (SCIA, CILA)", "Building works paperwork"),
      ),
      o(
        "Q",
        "Trasporti",
        "Transport",
        "Infrastrutture e mobilità",
        d("Biglietti, abbonamenti, parcheggi, ZTL", "Tickets, passes, parking, restricted zones"),
      ),
      o(
        "R",
        "Partecipazione",
        "Participation",
        "Utilizzo di piattaforme di partecipazione",
        d("Piattaforme per partecipare alle decisioni", "Platforms to take part in decisions"),
      ),
      o("S", "Nessuno di questi", "None of these", "Nessuna delle precedenti"),
    ],
  },
  ES1: {
    field: "ES1",
    multi: true,
    question: d("Come hai saputo di questo servizio?", "How did you hear about this service?"),
    options: [
      o("A", "Allo sportello", "At a service desk", "Sportello"),
      o("B", "Per telefono", "By phone", "Telefono"),
      o("C", "Sito internet", "Website", "Sito internet"),
      o("D", "Social network", "Social media", "Social media"),
      o("E", "TV", "TV", "TV"),
      o("F", "Radio", "Radio", "Radio"),
      o("G", "Giornale", "Newspaper", "Giornale"),
      o("H", "Evento online", "Online event", "Durante un evento online"),
      o("I", "Evento in presenza", "In-person event", "Durante un evento in presenza"),
      o(
        "J",
        "Settimana digitale",
        "Digital skills week",
        "Durante un evento della Settimana nazionale per le competenze Digitali",
        d("Settimana nazionale delle competenze digitali", "National digital skills week"),
      ),
      o(
        "K",
        "Volantini, manifesti",
        "Leaflets, posters",
        "Materiale informativo e promozionale stampato",
        d("Materiale informativo stampato", "Printed information"),
      ),
      o("L", "Passaparola", "Word of mouth", "Passaparola"),
      o(
        "M",
        "Un facilitatore",
        "A facilitator",
        "Facilitatore/ Formatore",
        d("Un facilitatore o un formatore", "A facilitator or trainer"),
      ),
    ],
  },
  ES2: {
    field: "ES2",
    multi: true,
    question: d("Perché sei venuto/a? Puoi sceglierne più di uno.", "Why did you come? You can pick more than one."),
    options: [
      o(
        "A",
        "Studio",
        "Studies",
        "Migliorare nello studio",
        d("Migliorare nello studio", "Doing better in my studies"),
      ),
      o("B", "Cerco lavoro", "Looking for work", "Ricerca di lavoro"),
      o(
        "C",
        "Per il mio lavoro",
        "For my job",
        "Migliorare nel mio lavoro",
        d("Migliorare nel mio lavoro", "Doing better at work"),
      ),
      o("D", "Cambiare lavoro", "Changing jobs", "Cambiare lavoro"),
      o("E", "Crescita personale", "Personal growth", "Cultura e crescita personale"),
      o(
        "F",
        "Più pratica digitale",
        "More digital skills",
        "Avere maggiore dimestichezza nell'utilizzo dei servizi digitali in generale",
        d("Usare meglio i servizi digitali in generale", "Getting used to digital services in general"),
      ),
      o(
        "G",
        "Problema servizi PA",
        "Public service issue",
        "Risolvere problemi specifici relativi ai servizi pubblici",
        d("Risolvere un problema con un servizio pubblico", "Solving a problem with a public service"),
      ),
      o(
        "H",
        "Acquisti, pagamenti",
        "Shopping, payments",
        "Risolvere problemi specifici relativi agli acquisti e ai pagamenti online",
        d(
          "Risolvere un problema con acquisti o pagamenti online",
          "Solving a problem with online shopping or payments",
        ),
      ),
      o("I", "Vengo volentieri", "I like coming here", "Frequento volentieri questo punto di facilitazione"),
      o("J", "Nessun motivo", "No particular reason", "Non ho un motivo particolare"),
      o(
        "K",
        "Servizio mancato",
        "A missed service",
        "Recuperare un precedente servizio non fruito",
        d("Recuperare un servizio che non avevo ricevuto", "Making up for a service I missed"),
      ),
      o("L", "Altro", "Other", "Altro"),
    ],
  },
  ES3: {
    field: "ES3",
    multi: true,
    question: d("Torneresti?", "Would you come back?"),
    options: [
      o("A", "Sì, per un aiuto", "Yes, for help", "Sì, per facilitazione"),
      o("B", "Sì, per un corso", "Yes, for a course", "Sì, per formazione"),
      o("C", "Non so", "Not sure", "Non saprei"),
      o("D", "No, non mi serve", "No, I don't need it", "No, non ne ho bisogno"),
      o(
        "E",
        "No, non mi aiuta",
        "No, it doesn't help",
        "No, riconosco il bisogno ma non trovo giovamento nel tornare",
        d("Ne avrei bisogno, ma tornare non mi aiuta", "I need it, but coming back does not help me"),
      ),
    ],
  },
  ES5: {
    field: "ES5",
    multi: true,
    question: d(
      "Quando hai un problema col digitale, come fai? Puoi sceglierne più di uno.",
      "When you have a digital problem, what do you do? You can pick more than one.",
    ),
    options: [
      o("A", "Parenti e amici", "Family and friends", "Chiedere aiuto a parenti e amici"),
      o("B", "Colleghi", "Colleagues", "Chiedere aiuto ai colleghi"),
      o("C", "Punto facilitazione", "Facilitation point", "Punto di facilitazione"),
      o(
        "D",
        "Aiuto online",
        "Online help",
        "Facilitazione online (es.: videochiamata)",
        d("Aiuto a distanza, per esempio in videochiamata", "Remote help, for example a video call"),
      ),
      o(
        "E",
        "Corsi gratuiti",
        "Free courses",
        "Formazione e seminari in presenza gratuiti",
        d("Corsi gratuiti in presenza", "Free in-person courses"),
      ),
      o(
        "F",
        "Corsi a pagamento",
        "Paid courses",
        "Formazione e seminari in presenza a pagamento",
        d("Corsi a pagamento in presenza", "Paid in-person courses"),
      ),
      o("G", "Corsi online", "Online courses", "Formazione e seminari online"),
      o("H", "Piattaforma ACCEDI", "ACCEDI platform", "Piattaforma \u201cACCEDI\u201d"),
      o(
        "I",
        "Motori di ricerca",
        "Search engines",
        "Motori di ricerca su Internet",
        d("Cerco su internet", "I search the internet"),
      ),
      o(
        "J",
        "Video",
        "Videos",
        "Video (es.: YouTube)",
        d("Video, per esempio su YouTube", "Videos, for example on YouTube"),
      ),
      o("K", "Podcast", "Podcasts", "Podcast"),
      o("L", "Blog e forum", "Blogs and forums", "Blog e forum online"),
      o("M", "Chat e chatbot", "Chats and chatbots", "Chat (es.: WhatsApp) e chatbot"),
      o(
        "N",
        "Materiale stampato",
        "Printed material",
        "Materiale informativo, giornali, articoli e altre pubblicazioni stampate",
        d("Giornali, articoli, opuscoli stampati", "Newspapers, articles, printed leaflets"),
      ),
      o(
        "O",
        "Materiale online",
        "Online material",
        "Materiale informativo, giornali, articoli e altre pubblicazioni online",
        d("Articoli e guide su internet", "Articles and guides on the internet"),
      ),
    ],
  },
  ES6: {
    field: "ES6",
    multi: false,
    question: d("Quanto ti è stato utile, da 1 a 5?", "How useful was it, from 1 to 5?"),
    options: [
      o("1", "1 Per niente", "1 Not at all", "1"),
      o("2", "2 Poco", "2 A little", "2"),
      o("3", "3 Abbastanza", "3 Fairly", "3"),
      o("4", "4 Molto", "4 Very", "4"),
      o("5", "5 Moltissimo", "5 Extremely", "5"),
    ],
  },
};

export const CODED_FIELD_NAMES = Object.keys(CODED_FIELDS) as CodedFieldName[];
